"""The unit registry: canonical ids for government bodies, kept as data.

`gongbao/data/unit_aliases.tsv` lists the standard names of bodies (发展和改革委员会,
应急管理局 …) with their usual short forms (发改委, 应急局 …), the collective names
(各县（市、区）政府 …) and the job titles printed after a unit in member lists.
Nothing in it names a place.

    reg = UnitRegistry.default()
    reg.learn(["云州市应急管理局", "东城区人民政府区长", ...])   # full names printed
    reg.canonical("市应急局")                      # → 市应急管理局
    reg.canonical("云州市应急管理局", city="云州市")  # → 市应急管理局
    reg.expand("各县（市、区）政府")                 # → the county governments learned

A unit id is the level prefix or place as printed (市, 县, 市委, 东城区, 市、县
prefixes are kept; the city given as `city` becomes 市) followed by the standard
name of the body. A unit whose body the registry does not know is kept as
printed, normalised (no white space, full-width brackets, half-width digits);
if the documents printed a full name it abbreviates (市新区建管中心 for
云州市新区建设管理中心), it gets that name.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from . import patterns as P

DATA = Path(__file__).resolve().parent.parent / "data" / "unit_aliases.tsv"

# 级别前缀或地名（可带“委”：市委、县委）
_PREFIX_OK = re.compile(r"^(?:各?(?:[省市县区]|县（市、区）|.{1,14}?[省市县区州盟旗])委?)?$")
_PLACE = re.compile(r"^(?P<place>[^省市县区州盟旗（）、，]{1,6}?[省市县区州盟旗])")
_NAME_SEP = re.compile(r"[、，,；;]")
_LEVELS = ("省委", "市委", "县委", "区委", "省", "市", "县", "区")
_COUNTY_END = ("县", "区", "旗", "市")


def normalise(unit: str) -> str:
    """No white space, NFKC (half-width digits and letters), full-width brackets."""
    text = unicodedata.normalize("NFKC", "".join(unit.split()))
    return text.replace("(", "（").replace(")", "）").replace(",", "，").strip("，、；;。")


class _Table:
    """The curated TSV, parsed once."""

    def __init__(self, path: Path):
        self.bodies: dict[str, list[str]] = {}      # 印出的名称 → 标准名称（按列出顺序）
        self.canon_bodies: set[str] = set()
        self.collectives: dict[str, str] = {}       # 印出的名称 → 集体 id
        self.expands: dict[str, str] = {}           # 集体 id → 展开方式
        self.titles: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t") + ["", ""]
            kind, canon, aliases, expands = cols[0], normalise(cols[1]), cols[2], cols[3].strip()
            names = [normalise(a) for a in aliases.split("|") if a.strip()]
            if kind == "body":
                self.canon_bodies.add(canon)
                for name in [canon] + names:
                    targets = self.bodies.setdefault(name, [])
                    if canon not in targets:
                        # 标准名称本身总排在最前
                        targets.insert(0, canon) if name == canon else targets.append(canon)
            elif kind == "collective":
                for name in [canon] + names:
                    self.collectives[name] = canon
                if expands:
                    self.expands[canon] = expands
            elif kind == "title":
                self.titles.extend(names)
        self.titles.sort(key=len, reverse=True)
        self.title_re = re.compile("(?:" + "|".join(map(re.escape, self.titles)) + ")$") if self.titles else None
        self.title_search = P.tail_search(self.title_re) if self.title_re is not None else None
        self.title_last = frozenset(t[-1] for t in self.titles if t)   # how a title ends
        self.max_body = max(map(len, self.bodies), default=0)
        # for each last character, the lengths of the names ending with it, longest first
        sizes: dict[str, set[int]] = {}
        for name in self.bodies:
            if name:
                sizes.setdefault(name[-1], set()).add(len(name))
        self.sizes_by_last = {ch: sorted(v, reverse=True) for ch, v in sizes.items()}


@lru_cache(maxsize=4)
def _table(path: str) -> _Table:
    return _Table(Path(path))


def _is_abbreviation(short: str, full: str) -> bool:
    """简称：首尾字相同、按顺序取自全称（医保局 ⊂ 医疗保障局）。"""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


class UnitRegistry:
    def __init__(self, table: Optional[_Table] = None):
        self._t = table or _table(str(DATA))
        self._learned_bodies: set[str] = set()      # 文件里见过的机构（去掉地名后）
        self._bodies_by_ends: dict[tuple[str, str], list[str]] = {}   # (首字, 尾字) → 机构
        self._places: Counter[str] = Counter()      # 见过的地名前缀
        self._governments: dict[str, None] = {}     # 见过“人民政府”的地名，按见到的顺序
        self._city: Optional[str] = None            # canonical(city=…) 给过的市名
        self._cache: dict[tuple[str, Optional[str]], str] = {}
        self._prefix_ok: dict[str, bool] = {}       # _PREFIX_OK, memoised
        self._normalised: dict[str, str] = {}       # normalise(), memoised for expand()

    @classmethod
    def default(cls) -> "UnitRegistry":
        """A fresh registry over the curated table (the table is parsed once)."""
        return cls(_table(str(DATA)))

    # --- 学习文件里印出的全称 ---------------------------------------------------

    def _strip_title(self, name: str) -> str:
        """东城区人民政府区长 → 东城区人民政府; 市能源局三级调研员 → 市能源局."""
        if self._t.title_re is None:
            return name
        for _ in range(3):
            if name[-1:] not in self._t.title_last and not name.endswith("\n"):
                break                       # no title ends so (`$` may stand before a final \n)
            m = self._t.title_search(name)
            if not m or m.start() == 0:
                break
            name = name[:m.start()]
        return name

    def _split_body(self, unit: str) -> Optional[tuple[str, str]]:
        """(prefix, standard body) by the longest known body at the end of `unit`."""
        n = len(unit)
        sizes = self._t.sizes_by_last.get(unit[-1:])    # longest first
        if not sizes:
            return None
        for size in sizes:
            i = n - size
            if i < 0:
                continue
            targets = self._t.bodies.get(unit[i:])
            if targets:
                prefix = unit[:i]
                ok = self._prefix_ok.get(prefix)
                if ok is None:
                    ok = self._prefix_ok[prefix] = _PREFIX_OK.match(prefix) is not None
                if ok:
                    return prefix, self._choose(targets)
        return None

    def _choose(self, targets: list[str]) -> str:
        if len(targets) > 1:
            for t in targets:
                if t in self._learned_bodies:
                    return t
        return targets[0]

    def learn(self, names: Iterable[str]) -> None:
        """Remember the full names printed in documents (contact boxes, addressees,
        member positions): their places, bodies and county governments."""
        for raw in names:
            if not raw:
                continue
            for name in _NAME_SEP.split(normalise(raw)):
                self._learn_one(self._strip_title(name.removeprefix("中共")))
        self._cache.clear()

    def _learn_one(self, name: str) -> None:
        if len(name) < 2 or name in self._t.collectives:
            return
        split = self._split_body(name)
        if split:
            place, body = split
        else:
            m = _PLACE.match(name)
            place, body = (m.group("place"), name[m.end():]) if m else ("", name)
        place = place.removesuffix("委") if place.endswith(("市委", "县委", "区委")) else place
        if len(body) >= 2 and body not in self._learned_bodies:
            self._learned_bodies.add(body)
            self._bodies_by_ends.setdefault((body[0], body[-1]), []).append(body)
        if place and place not in _LEVELS:
            self._places[place] += 1
            if (split and body.startswith("人民政府")) or name.startswith(place + "人民政府"):
                if place.endswith(_COUNTY_END) and not place.startswith("各"):
                    self._governments.setdefault(place, None)

    # --- 标准名称 ---------------------------------------------------------------

    def canonical(self, unit: str, city: Optional[str] = None) -> str:
        """The unit id of a printed unit (see the module doc)."""
        key = (unit, city)
        hit = self._cache.get(key)
        if hit is None:
            if city:
                self._city = normalise(city)
            hit = self._cache[key] = self._canonical(normalise(unit), self._city_name(city))
        return hit

    @staticmethod
    def _city_name(city: Optional[str]) -> Optional[str]:
        if not city:
            return None
        city = normalise(city)
        return city if city.endswith(("市", "州", "盟", "地区")) else city + "市"

    def _canonical(self, unit: str, city: Optional[str]) -> str:
        if not unit:
            return unit
        if unit in self._t.collectives:
            return self._t.collectives[unit]
        unit = unit.removeprefix("中共")
        if city and unit.startswith(city) and len(unit) > len(city):
            unit = "市" + unit[len(city):]                # 云州市应急管理局 → 市应急管理局
        split = self._split_body(unit)
        if split:
            return split[0] + split[1]
        return self._by_abbreviation(unit) or unit

    def _by_abbreviation(self, unit: str) -> Optional[str]:
        """市新区建管中心 → 市新区建设管理中心 when that full name was learned."""
        prefixes = [p for p in _LEVELS if unit.startswith(p) and len(unit) > len(p) + 1] + [""]
        for prefix in prefixes:
            short = unit[len(prefix):]
            if len(short) < 2:
                continue
            found = [b for b in self._bodies_by_ends.get((short[0], short[-1]), ())
                     if _is_abbreviation(short, b)]
            if len(found) == 1:
                return prefix + found[0]
        return None

    # --- 集体名称 ---------------------------------------------------------------

    def is_collective(self, unit: str) -> bool:
        return normalise(unit) in self._t.collectives

    def expand(self, collective: str) -> list[str]:
        """The members of a collective the documents name (各县（市、区）政府 → the
        county-level governments learned), else []."""
        name = self._normalised.get(collective)
        if name is None:
            name = self._normalised[collective] = normalise(collective)
        cid = self._t.collectives.get(name)
        if cid is None or self._t.expands.get(cid) != "county_governments":
            return []
        city = self._city_name(self._city) or self._guess_city()
        return sorted(f"{place}人民政府" for place in self._governments if place != city)

    def _guess_city(self) -> Optional[str]:
        """The 市 printed most often in front of bodies: the city the documents are from."""
        cities = [(n, p) for p, n in self._places.most_common() if p.endswith(("市", "州", "盟"))]
        if not cities or (len(cities) > 1 and cities[0][0] == cities[1][0]):
            return None
        return cities[0][1]
