"""python -m gongbao.web.manage remind [--date YYYY-MM-DD] [--no-email] [--base-url URL]"""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ...services.remind import remind


class Command(BaseCommand):
    help = "发送到期提醒（时限临近、月报未报、报告退回）：站内提醒 + 邮件"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按此日期计算（默认今天）")
        parser.add_argument("--no-email", action="store_true", help="只建站内提醒，不发邮件")
        parser.add_argument("--base-url", default="", help="邮件中链接的前缀，如 https://dc.example.gov.cn")

    def handle(self, *args, **opts):
        try:
            day = dt.date.fromisoformat(opts["date"]) if opts["date"] else None
        except ValueError:
            raise CommandError("--date 应为 YYYY-MM-DD") from None
        result = remind(day, email=not opts["no_email"], base_url=opts["base_url"])
        self.stdout.write(f"新建提醒 {result['created']} 条，发送邮件 {result['emailed']} 封")
