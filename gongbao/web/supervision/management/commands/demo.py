"""python -m gongbao.web.manage demo FILE [--force] [--password PW]"""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gongbao.errors import InputError
from ...services.demo import DemoRefused, demo


class Command(BaseCommand):
    help = "演示：入库公报文件，建立任务清单、账号和几个月的模拟进展"

    def add_arguments(self, parser):
        parser.add_argument("file", help="公报文件（如 examples/ 下的样例）")
        parser.add_argument("--force", action="store_true", help="生产配置（DEBUG 关闭）下也创建演示账号")
        parser.add_argument("--password", help="所有演示账号使用此密码（默认随机生成并打印）")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **opts):
        call_command("migrate", verbosity=0, interactive=False)
        try:
            result = demo(opts["file"], force=opts["force"], password=opts["password"], seed=opts["seed"])
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        except InputError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(result.format())
