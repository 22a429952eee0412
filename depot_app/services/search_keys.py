"""Pinyin search keys: 张三 is found by ``zhangsan``, ``zhang`` and ``zs``.

Every parcel has one ``parcel_search_key`` row per key: the full pinyin and
the initials of the sender's and recipient's names and of the address parts
a clerk would say (district, street/town, road). A person's name reads its
first character as a surname (单 shàn, 曾 zēng, 区 ōu, 仇 qiú …), with the
everyday reading kept as a second key so either finds it.

Keys are kept current on every write by a ``before_flush`` listener (new
parcels, and changed names or addresses, whichever service writes them);
:func:`fill_search_keys` fills them in bulk for existing or bulk-inserted
parcels, and :func:`ensure_search_keys` runs it once after the upgrade that added the keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session, UOWTransaction

from depot_app.db.engine import Database
from depot_app.db.models import Parcel, ParcelSearchKey
from depot_app.domain.addresses import parse_address, short_name
from depot_app.domain.clock import Clock

KEY_LENGTH = 64

#: Surnames whose reading differs from the character's everyday one (百家姓).
SURNAME_READINGS: dict[str, list[str]] = {
    "单": ["shan"], "曾": ["zeng"], "区": ["ou"], "仇": ["qiu"], "解": ["xie"], "朴": ["piao"], "查": ["zha"],
    "乐": ["yue"], "盖": ["ge"], "缪": ["miao"], "翟": ["zhai"], "秘": ["bi"], "折": ["she"], "覃": ["qin"],
    "种": ["chong"], "繁": ["po"], "员": ["yun"], "阚": ["kan"], "过": ["guo"], "召": ["shao"], "句": ["gou"],
    "宓": ["mi"], "逄": ["pang"], "隗": ["wei"], "冼": ["xian"], "莘": ["shen"], "郇": ["huan"], "朝": ["chao"],
    "重": ["chong"], "沈": ["shen"], "任": ["ren"], "华": ["hua"], "燕": ["yan"], "尉": ["wei"], "纪": ["ji"],
    "黑": ["he"], "能": ["nai"], "万": ["wan"], "长": ["chang"], "参": ["can"], "贲": ["ben"], "眭": ["sui"],
    "褚": ["chu"], "藏": ["zang"], "祭": ["zhai"], "令": ["ling"], "尉迟": ["yu", "chi"], "万俟": ["mo", "qi"],
    "长孙": ["zhang", "sun"], "令狐": ["ling", "hu"], "单于": ["chan", "yu"], "澹台": ["tan", "tai"],
    "皇甫": ["huang", "fu"], "欧阳": ["ou", "yang"], "司马": ["si", "ma"], "上官": ["shang", "guan"],
}
_COMPOUND = sorted((s for s in SURNAME_READINGS if len(s) > 1), key=len, reverse=True)
_CJK = re.compile(r"[\u3400-\u9fff]")
_ROAD = re.compile(r"^[\u3400-\u9fff]{2,12}?(?:路|街|道|巷|弄|里|胡同|村|小区|花园|公寓|大厦|广场)")
_NOT_KEY = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=1)
def _reader() -> Any:
    """pypinyin's reader, loaded on first use: its phrase dictionary takes about half a second to
    load, which the desk's start should not wait for (:func:`warm_up` loads it in the background)."""
    from pypinyin import Style, lazy_pinyin

    def read(text: str) -> list[str]:
        return list(lazy_pinyin(text, style=Style.NORMAL, errors="default"))

    return read


def warm_up() -> None:
    """Load the pinyin dictionaries now (the desk does this off the GUI thread once its queue shows)."""
    _reader()


def _syllables(text: str) -> list[str]:
    return [_NOT_KEY.sub("", s.lower()) for s in _reader()(text)]


def _keys_of(syllables: Sequence[str]) -> set[str]:
    parts = [s for s in syllables if s]
    keys = {"".join(parts)[:KEY_LENGTH], "".join(s[0] for s in parts)[:KEY_LENGTH]}
    return {k for k in keys if len(k) >= 2}


@lru_cache(maxsize=100_000)
def name_keys(name: str) -> frozenset[str]:
    """Keys of a person's name: full pinyin and initials, surname read as a surname.

    >>> sorted(name_keys("曾小明"))
    ['cengxiaoming', 'cxm', 'zengxiaoming', 'zxm']
    """
    name = (name or "").strip()
    if not name:
        return frozenset()
    if not _CJK.search(name):
        latin = _NOT_KEY.sub("", name.lower())
        return frozenset({latin[:KEY_LENGTH]} if len(latin) >= 2 else set())
    everyday = _syllables(name)
    surname = next((s for s in _COMPOUND if name.startswith(s)), name[0])
    keys = _keys_of(everyday)
    if surname in SURNAME_READINGS:
        keys |= _keys_of(SURNAME_READINGS[surname] + _syllables(name[len(surname):]))
    return frozenset(keys)


_DIGIT_RUN = re.compile(r"\d+")

#: Place names whose reading differs from the characters' everyday one (单县 is shàn xiàn, not dān).
PLACE_READINGS: dict[str, list[str]] = {
    "单县": ["shan", "xian"], "长治市": ["chang", "zhi", "shi"], "洪洞县": ["hong", "tong", "xian"],
    "涡阳县": ["guo", "yang", "xian"], "解州镇": ["xie", "zhou", "zhen"], "浚县": ["xun", "xian"],
    "郫都区": ["pi", "du", "qu"], "筠连县": ["jun", "lian", "xian"], "蠡县": ["li", "xian"],
    "句容市": ["ju", "rong", "shi"], "台州市": ["tai", "zhou", "shi"], "天台县": ["tian", "tai", "xian"],
}


def place_readings(name: str) -> list[list[str]]:
    """The syllables of a division's name: its own reading first (if it has one), then the everyday one."""
    everyday = _syllables(name)
    special = PLACE_READINGS.get(name)
    return [everyday] if special is None or special == everyday else [special, everyday]


def address_keys(address: str) -> frozenset[str]:
    """Keys of the parts of an address a clerk says: district, street/town and road (朝阳, 建国路)."""
    # House numbers never change the keys: 碧波路690号 and 碧波路12号 share one cached reading.
    return _address_keys(_DIGIT_RUN.sub("0", (address or "").strip()))


@lru_cache(maxsize=100_000)
def _address_keys(address: str) -> frozenset[str]:
    if not address:
        return frozenset()
    parsed = parse_address(address)
    # Division names are read whole (朝阳区 is chao yang, 朝阳 alone would be zhao yang),
    # then cut to the short name a clerk says.
    spoken: list[list[str]] = []
    for name, level in ((parsed.district, 3), (parsed.street, 4)):
        if name:
            spoken += [r[: len(short_name(name, level) or name)] for r in place_readings(name)]
    if not parsed.district and parsed.city:
        spoken += [r[: len(short_name(parsed.city, 2) or parsed.city)] for r in place_readings(parsed.city)]
    road = _ROAD.match(parsed.rest)
    if road:
        spoken.append(_syllables(road.group(0)))
    keys: set[str] = set()
    for syllables in spoken:
        keys |= _keys_of(syllables)
    return frozenset(keys)


def parcel_keys(*, sender_name: str, recipient_name: str, sender_address: str,
                recipient_address: str) -> set[str]:
    """Every key of one parcel."""
    return set(name_keys(sender_name) | name_keys(recipient_name) | address_keys(sender_address)
               | address_keys(recipient_address))


_WATCHED = ("sender_name", "recipient_name", "sender_address", "recipient_address")


def _keys_of_parcel(p: Parcel) -> set[str]:
    return parcel_keys(sender_name=p.sender_name or "", recipient_name=p.recipient_name or "",
                       sender_address=p.sender_address or "", recipient_address=p.recipient_address or "")


def _refresh_on_flush(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    """Keep the keys of new and changed parcels current, in the same flush."""
    from sqlalchemy import inspect

    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, Parcel):
            continue
        state = inspect(obj)
        if obj in session.dirty and not any(state.attrs[name].history.has_changes() for name in _WATCHED):
            continue
        wanted = _keys_of_parcel(obj)
        current = {k.key: k for k in obj.search_keys}
        for key, row in current.items():
            if key not in wanted:
                obj.search_keys.remove(row)
        obj.search_keys.extend(ParcelSearchKey(key=key) for key in sorted(wanted - current.keys()))


event.listen(Session, "before_flush", _refresh_on_flush)


def fill_search_keys(session: Session, parcel_ids: Iterable[int] | None = None, *, batch: int = 20_000) -> int:
    """Write the keys of ``parcel_ids`` (every parcel when None) afresh; returns the keys written.

    For parcels written without the ORM (bulk inserts, older databases). Reads
    the four fields in batches, computes each distinct name and address once
    (cached), and inserts in bulk; the caller's transaction commits it.
    """
    table = ParcelSearchKey.__table__
    fields = (Parcel.id, Parcel.sender_name, Parcel.recipient_name, Parcel.sender_address,
              Parcel.recipient_address)
    written = 0
    if parcel_ids is None:
        session.execute(delete(ParcelSearchKey))
        last = 0
        while True:
            rows = session.execute(select(*fields).where(Parcel.id > last).order_by(Parcel.id).limit(batch)).all()
            if not rows:
                break
            written += _insert_keys(session, table, rows)
            last = rows[-1][0]
        return written
    ids = sorted(set(parcel_ids))
    for start in range(0, len(ids), batch):
        chunk = ids[start: start + batch]
        session.execute(delete(ParcelSearchKey).where(ParcelSearchKey.parcel_id.in_(chunk)))
        rows = session.execute(select(*fields).where(Parcel.id.in_(chunk))).all()
        written += _insert_keys(session, table, rows)
    return written


def _insert_keys(session: Session, table: Any, rows: Sequence[Any]) -> int:
    values = [{"parcel_id": row[0], "key": key}
              for row in rows
              for key in parcel_keys(sender_name=row[1] or "", recipient_name=row[2] or "",
                                     sender_address=row[3] or "", recipient_address=row[4] or "")]
    if values:
        session.execute(insert(table), values)
    return len(values)


def ensure_search_keys(db: Database, clock: Clock) -> bool:
    """Fill every parcel's keys when there are parcels but no keys (the first start after the upgrade
    that added them); two single-row probes otherwise. True if it filled."""
    with db.read() as s:
        has_parcels = s.scalar(select(Parcel.id).limit(1)) is not None
        has_keys = s.scalar(select(ParcelSearchKey.parcel_id).limit(1)) is not None
    if not has_parcels or has_keys:
        return False
    with db.write() as s:
        fill_search_keys(s)
    return True
