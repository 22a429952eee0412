"""Realistic sample data for demonstrations, screenshots and manual testing.

:func:`generate_demo_data` fills a database with a few months of a Shanghai
depot's problem-parcel desk: operators, parcels from Shanghai, Jiangsu and
Zhejiang senders, and cases of every kind at every stage. Everything is
written through the real services (registration, contacts, resolutions,
approvals, payments, closing, reopening, cancelling), so every rule is
checked and every timeline entry is the one the desk itself would write.

History is played back in time order: the services are given a
:class:`~depot_app.domain.clock.FixedClock` that is moved to the moment of
each action, then the original clock is put back. Older cases are mostly
closed; recent ones are open at every status, and some open ones are overdue.
The same ``seed`` and ``end`` give the same case and tracking numbers.
"""

from __future__ import annotations

import math
import random
import time as _time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any, TypeVar

from depot_app.domain.clock import FixedClock, local_date, to_local, to_utc
from depot_app.domain.compensation import ClaimFacts, suggest_compensation
from depot_app.domain.identifiers import Carrier, s10_check_digit, validate_tracking
from depot_app.domain.kinds import ProblemKind, resolutions_for
from depot_app.domain.policy import Policy
from depot_app.domain.vocabulary import (
    CaseStatus,
    ContactChannel,
    ContactOutcome,
    ContactParty,
    FinalOutcome,
    LossExtent,
    PaymentMethod,
    Priority,
    ReportChannel,
    ResolutionType,
    Role,
    ShipmentScope,
)
from depot_app.services import Services
from depot_app.services.cases import ClaimInput

__all__ = ["DEMO_OPERATORS", "DemoSummary", "demo_tracking_number", "generate_demo_data"]

K = ProblemKind
R = ResolutionType
S = CaseStatus
T = TypeVar("T")

#: The demo depot's staff: one manager, three clerks, two couriers.
DEMO_OPERATORS: tuple[tuple[str, Role], ...] = (
    ("王建国", Role.MANAGER),
    ("李晓梅", Role.CLERK),
    ("张丽娟", Role.CLERK),
    ("陈静", Role.CLERK),
    ("刘强", Role.COURIER),
    ("赵磊", Role.COURIER),
)

#: How many days of history lead up to ``end``.
HISTORY_DAYS = 120


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo_data` wrote."""

    cases: int
    open: int
    closed: int
    cancelled: int
    compensated: int  # cases whose compensation was paid
    operators: int
    elapsed_seconds: float


# ---------------------------------------------------------------- sample data
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
             "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
             "薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
          "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "欣怡", "子涵", "浩然", "雨桐",
          "梓萱", "宇轩", "思远", "晓燕", "海燕", "建华", "国强", "志明", "婷婷", "佳琪", "俊杰",
          "文博", "雪梅", "春花", "晨", "颖", "琳", "鹏", "斌", "凯", "慧", "玉兰", "建平",
          "晓东", "亚楠", "振宇", "梦瑶", "一鸣", "嘉怡", "天佑", "美玲", "永刚", "红梅")
#: Online shops that send from the depot's region, each with where it ships from.
_SHOPS = (("杭州茗香茶业有限公司", "浙江省杭州市西湖区"), ("义乌市优品小商品商行", "浙江省义乌市稠城街道"),
          ("苏州锦绣丝绸坊", "江苏省苏州市工业园区"), ("南京乐童玩具专营店", "江苏省南京市鼓楼区"),
          ("上海数码优选电子商务有限公司", "上海市闵行区"), ("宁波甬上家居用品店", "浙江省宁波市鄞州区"),
          ("嘉兴南湖粽子食品厂", "浙江省嘉兴市南湖区"), ("绍兴柯桥轻纺布艺店", "浙江省绍兴市柯桥区"),
          ("无锡滨湖泥人工作室", "江苏省无锡市滨湖区"), ("常州武进户外用品商行", "江苏省常州市武进区"),
          ("湖州织里童装批发部", "浙江省湖州市吴兴区"), ("南通家纺旗舰店", "江苏省南通市崇川区"),
          ("昆山精品数码配件店", "江苏省昆山市"), ("上海静安美妆集合店", "上海市静安区"),
          ("阳澄湖大闸蟹直供店", "江苏省苏州市相城区"), ("景德镇陶瓷茶具馆（上海仓）", "上海市嘉定区"),
          ("温州鹿城鞋业商行", "浙江省温州市鹿城区"), ("苏州吴中碧螺春茶庄", "江苏省苏州市吴中区"),
          ("杭州四季青服装商行", "浙江省杭州市余杭区"), ("上海宝山生鲜配送中心", "上海市宝山区"))
_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                    "152", "155", "156", "157", "158", "159", "166", "173", "176", "177", "180",
                    "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199")
_LANDLINES = (("021", "6"), ("021", "5"), ("0512", "6"), ("0571", "8"), ("025", "8"),
              ("0574", "8"), ("0510", "8"), ("0573", "8"), ("0579", "8"))

# The depot is in Pudong: most recipients live or work there.
_PUDONG_ROADS = ("张杨路", "世纪大道", "东方路", "浦东南路", "杨高中路", "锦绣路", "祖冲之路",
                 "碧波路", "张江路", "金科路", "高科西路", "德平路", "源深路", "浦电路", "崂山路",
                 "潍坊路", "峨山路", "龙阳路", "芳华路", "花木路", "东明路", "上南路", "成山路",
                 "川沙路", "晨晖路", "博云路", "羽山路", "栖霞路")
_OFFICES = ("汤臣金融大厦", "时代金融中心", "张江集电港", "长泰广场", "浦发大厦", "嘉里城",
            "陆家嘴软件园", "金桥国际商业广场", "华润时代广场", "创智天地张江")
_REMOTE = ("上海市浦东新区书院镇洋溢村", "上海市浦东新区老港镇大河村", "上海市浦东新区泥城镇公平村",
           "上海市崇明区陈家镇裕安村", "上海市浦东新区万祥镇新建村")
_SENDER_PLACES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("上海市闵行区", ("漕宝路", "虹梅路", "莘庄镇都市路", "七宝镇七莘路")),
    ("上海市嘉定区", ("曹安公路", "嘉松北路", "江桥镇华江路")),
    ("上海市宝山区", ("共和新路", "长江西路", "沪太路")),
    ("上海市徐汇区", ("漕溪北路", "宜山路", "田林路")),
    ("上海市静安区", ("南京西路", "延安中路", "江宁路")),
    ("江苏省苏州市相城区", ("阳澄湖镇湖滨大道", "相城大道")),
    ("江苏省苏州市工业园区", ("星湖街", "苏州大道东", "金鸡湖大道")),
    ("江苏省苏州市吴中区", ("东吴北路", "宝带西路", "木渎镇金山路")),
    ("江苏省昆山市", ("前进中路", "花桥镇绿地大道", "开发区黄浦江路")),
    ("江苏省南京市鼓楼区", ("中山北路", "湖南路", "汉中门大街")),
    ("江苏省无锡市滨湖区", ("太湖大道", "梁溪路", "蠡湖大道")),
    ("江苏省常州市武进区", ("湖塘镇人民路", "延政中路")),
    ("江苏省南通市崇川区", ("工农路", "青年中路")),
    ("浙江省杭州市西湖区", ("文三路", "天目山路", "古墩路")),
    ("浙江省杭州市余杭区", ("文一西路", "五常大道", "良睦路")),
    ("浙江省义乌市稠城街道", ("工人北路", "宾王路", "城中中路")),
    ("浙江省宁波市鄞州区", ("天童南路", "中山东路", "鄞县大道")),
    ("浙江省嘉兴市南湖区", ("中山东路", "庆丰路")),
    ("浙江省绍兴市柯桥区", ("笛扬路", "金柯桥大道")),
    ("浙江省湖州市吴兴区", ("织里镇珍贝路", "劳动路")),
    ("浙江省温州市鹿城区", ("人民东路", "车站大道")),
)
_FOREIGN = (("JP", "日本东京都新宿区西新宿2-8-1"), ("US", "美国加利福尼亚州洛杉矶市"),
            ("DE", "德国汉堡市港口区"), ("KR", "韩国首尔市江南区"), ("HK", "香港九龙尖沙咀广东道"))


@dataclass(frozen=True)
class _Item:
    name: str
    low: int  # declared value range in yuan
    high: int
    grams: tuple[int, int]
    insure: float  # share of senders who insure it
    fragile: bool = False


_ITEMS: tuple[tuple[_Item, float], ...] = (
    (_Item("手机壳", 15, 59, (80, 200), 0.02), 8),
    (_Item("茶叶礼盒", 268, 1280, (800, 1500), 0.35, True), 6),
    (_Item("儿童玩具", 59, 399, (300, 2000), 0.05), 7),
    (_Item("笔记本电脑", 3999, 12999, (1800, 3200), 0.8, True), 3),
    (_Item("羽绒服", 399, 1599, (800, 1600), 0.2), 6),
    (_Item("运动鞋", 299, 1299, (900, 1500), 0.15), 6),
    (_Item("护肤品套装", 199, 899, (400, 1200), 0.2, True), 6),
    (_Item("蓝牙耳机", 129, 1499, (150, 400), 0.3), 5),
    (_Item("智能手机", 1999, 7999, (400, 700), 0.75, True), 3),
    (_Item("图书", 39, 199, (300, 1500), 0.0), 6),
    (_Item("红酒礼盒", 158, 980, (1500, 3200), 0.3, True), 3),
    (_Item("陶瓷茶具", 128, 688, (1200, 2500), 0.25, True), 3),
    (_Item("床上四件套", 199, 699, (2000, 3500), 0.05), 4),
    (_Item("婴儿奶粉（两罐）", 398, 698, (1800, 2000), 0.15), 4),
    (_Item("月饼礼盒", 168, 588, (1000, 1800), 0.1, True), 3),
    (_Item("电饭煲", 299, 999, (3500, 5000), 0.2, True), 3),
    (_Item("保温杯", 79, 299, (400, 600), 0.02), 5),
    (_Item("汽车脚垫", 129, 399, (2500, 4000), 0.0), 2),
    (_Item("大闸蟹礼盒", 298, 888, (2500, 3500), 0.2, True), 2),
    (_Item("合同文件", 0, 0, (100, 300), 0.0), 3),
)

_KIND_WEIGHTS: tuple[tuple[ProblemKind, float], ...] = (
    (K.UNREACHABLE, 18), (K.RECIPIENT_INFO, 14), (K.DAMAGED, 13), (K.DELAYED, 12), (K.REFUSED, 11),
    (K.HELD_AT_HUB, 4), (K.OUT_OF_AREA, 4), (K.LOST, 4), (K.SHORT_CONTENTS, 3), (K.SERVICE_COMPLAINT, 3),
    (K.CONTAMINATED, 2), (K.CANNOT_PAY, 2), (K.WEIGHT_MISMATCH, 2), (K.FREIGHT_DISPUTE, 2),
    (K.SWAPPED, 1.5), (K.COD_CHANGE, 1.5), (K.LONG_INSPECTION, 1), (K.RETURN_RECEIPT, 0.8),
    (K.FALSE_SIGN_FOR, 0.8), (K.CUSTOMS_HELD, 0.5),
)

#: Kinds where compensation above the approval threshold can arise.
_CLAIM_KINDS = (K.LOST, K.DAMAGED, K.SHORT_CONTENTS, K.FALSE_SIGN_FOR)

_DESCRIPTIONS: dict[ProblemKind, tuple[str, ...]] = {
    K.DAMAGED: ("外包装严重破损，{item}有明显压痕，收件人当场拒签并拍照",
                "派送时发现箱子一角塌陷，{item}外盒破裂，已拍照留证",
                "收件人开箱验货发现{item}破损，要求处理"),
    K.CONTAMINATED: ("{item}外包装被其他快件渗漏的液体污染，有异味",
                     "同车液体快件泄漏，{item}外箱浸湿发霉"),
    K.LOST: ("寄件人反映快件揽收后一直未更新物流，网点及中转场均未找到{item}",
             "收件人称超过一周未收到{item}，物流停在中转场分拣"),
    K.SHORT_CONTENTS: ("收件人称箱内{item}少了一件，外包装有二次封胶痕迹",
                       "到件称重比揽收轻约 0.4 公斤，{item}短少"),
    K.DELAYED: ("承诺次日达，已超时两天未派送，客户催件",
                "中转场爆仓导致延误，收件人要求说明原因",
                "物流三天未更新，寄件人来电催问{item}"),
    K.FALSE_SIGN_FOR: ("系统显示已签收，收件人称从未收到{item}，也未授权代签",
                       "快件被标记为放门卫签收，门卫称没有此件"),
    K.SWAPPED: ("收件人收到的不是自己的{item}，疑似与同批快件面单错贴",
                "两票快件面单贴反，{item}派到了别的小区"),
    K.REFUSED: ("收件人称{item}与订单不符，拒绝签收",
                "收件人不想要了，要求退回寄件人",
                "到付运费有争议，收件人拒收"),
    K.RECIPIENT_INFO: ("收件人电话为空号，无法联系派送",
                       "面单地址只写到小区，缺少楼号门牌",
                       "收件人已搬离原地址，新地址未知"),
    K.UNREACHABLE: ("派送两次，收件人电话无人接听，短信未回复",
                    "收件人电话关机，上门无人",
                    "收件人公司已下班，电话无人接听"),
    K.OUT_OF_AREA: ("收件地址在偏远村组，超出派送范围",
                    "地址位于封闭园区，快递车辆无法进入"),
    K.HELD_AT_HUB: ("中转场错分到苏州，需转回上海浦东",
                    "目的地代码错误，快件滞留中转场两天"),
    K.WEIGHT_MISMATCH: ("揽收称重 1 公斤，实际重量 3.2 公斤，需补运费",
                        "客户对计费重量有异议，要求复称"),
    K.FREIGHT_DISPUTE: ("寄件人要求将到付改为寄付", "收件人对到付运费金额有异议"),
    K.COD_CHANGE: ("寄件人要求取消代收货款", "寄件人要求修改代收货款金额"),
    K.RETURN_RECEIPT: ("寄件人要求取消签回单服务", "回单要求盖公章，收件人无法提供"),
    K.CANNOT_PAY: ("收件人暂时无法支付代收货款", "收件人身上没带钱，要求改天再送"),
    K.LONG_INSPECTION: ("收件人验货超过半小时，影响后续派送", "收件人要求逐件验货，耗时较长"),
    K.CUSTOMS_HELD: ("国际件被海关扣留，需补充申报资料", "海关要求补缴税款后放行"),
    K.SERVICE_COMPLAINT: ("收件人投诉快递员态度恶劣，未经同意放快递柜",
                          "客户投诉快递员未送货上门却显示派送失败",
                          "客户投诉电话联系不上网点"),
}

_INVESTIGATIVE = frozenset({K.DAMAGED, K.CONTAMINATED, K.LOST, K.SHORT_CONTENTS, K.DELAYED,
                            K.FALSE_SIGN_FOR, K.SWAPPED, K.HELD_AT_HUB, K.CUSTOMS_HELD,
                            K.SERVICE_COMPLAINT, K.WEIGHT_MISMATCH})
#: Kinds often settled by a phone call alone (the parcel is then simply signed for).
_DIRECT_CLOSE = frozenset({K.UNREACHABLE, K.RECIPIENT_INFO, K.DELAYED, K.HELD_AT_HUB,
                           K.LONG_INSPECTION, K.CANNOT_PAY, K.SERVICE_COMPLAINT})
_COD_KINDS = frozenset({K.COD_CHANGE, K.CANNOT_PAY})
_COURIER_FOUND = frozenset({K.UNREACHABLE, K.RECIPIENT_INFO, K.DAMAGED, K.REFUSED, K.OUT_OF_AREA,
                            K.CONTAMINATED, K.CANNOT_PAY, K.LONG_INSPECTION, K.WEIGHT_MISMATCH})

_OUTLETS = ("浦东张江菜鸟驿站（祖冲之路店）", "浦东花木妈妈驿站（芳华路店）", "本网点自提柜台（张杨路）",
            "陆家嘴丰巢服务站（东方路店）", "金桥兔喜生活超市（金高路店）")
_RETURN_REASONS: dict[ProblemKind, str] = {
    K.REFUSED: "收件人拒收，寄件人同意退回", K.UNREACHABLE: "收件人长期无法联系，寄件人要求退回",
    K.RECIPIENT_INFO: "收件人信息有误且无法更正，寄件人要求退回", K.CUSTOMS_HELD: "海关退运",
    K.OUT_OF_AREA: "超区无法派送，寄件人要求退回", K.CANNOT_PAY: "收件人无法支付货款，按寄件人意见退回",
    K.DAMAGED: "破损件退回寄件人处理", K.CONTAMINATED: "污染件退回寄件人",
}
_REOPEN_REASONS = ("客户来电反映补发商品仍有破损，要求重新处理", "寄件人称赔款未到账，要求核查",
                   "收件人称签收的并非本人快件，要求复查", "客户对处理结果有异议，申请复核")
_CANCEL_REASONS = ("重复登记，同一快件已有问题件", "快件已正常签收，误登记", "单号录入错误，作废重登",
                   "客户撤回问题反映")
_REJECT_COMMENTS = ("证据不足，请补充购买凭证和破损照片", "金额与实际损失不符，请按发票重新核算",
                    "需先确认是否包装不当，再议赔偿")
_CLOSE_NOTES: dict[FinalOutcome, tuple[str, ...]] = {
    FinalOutcome.SIGNED: ("收件人已签收，客户无异议", "重新派送成功，已电话回访"),
    FinalOutcome.RETURNED: ("已退回寄件人并签收", "退回件寄件人已签收"),
    FinalOutcome.TRANSFERRED_SIGNED: ("转寄件已签收",),
    FinalOutcome.RESENT_SIGNED: ("补发件已签收，客户满意",),
    FinalOutcome.COMPENSATED: ("赔款已到账，客户确认结案", "已赔付，客户表示认可"),
    FinalOutcome.PICKED_UP: ("收件人已到网点自提",),
    FinalOutcome.TERMS_CHANGED: ("已按寄件人书面确认变更，财务已知悉",),
    FinalOutcome.WITHDRAWN: ("客户表示谅解，撤回投诉",),
}
_OUTCOME_FOR: dict[ResolutionType, FinalOutcome] = {
    R.REDELIVER: FinalOutcome.SIGNED, R.RESEND: FinalOutcome.RESENT_SIGNED,
    R.RETURN: FinalOutcome.RETURNED, R.COMPENSATE: FinalOutcome.COMPENSATED,
    R.TRANSFER: FinalOutcome.TRANSFERRED_SIGNED, R.SELF_PICKUP: FinalOutcome.PICKED_UP,
    R.CHANGE_TERMS: FinalOutcome.TERMS_CHANGED,
}
_OPEN_ORDER = (S.REGISTERED, S.VERIFYING, S.INVESTIGATING, S.AWAITING_CUSTOMER,
               S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL, S.IN_PROGRESS)
_OPEN_WEIGHTS = (10, 8, 14, 10, 8, 4, 12)


def _pick(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _yuan(value: float | int) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))


def _tracking_candidate(rng: random.Random, carrier: Carrier, country: str) -> str:
    if carrier is Carrier.SF:
        return "SF1" + _digits(rng, 12) if rng.random() < 0.7 else "SF" + _digits(rng, 12)
    if carrier is Carrier.YTO:
        return "YT" + rng.choice("6789") + _digits(rng, 12)
    if carrier is Carrier.JT:
        return "JT5" + _digits(rng, 12)
    if carrier is Carrier.ZTO:
        return "7" + rng.choice("358") + _digits(rng, 10)
    if carrier is Carrier.STO:
        return "77" + _digits(rng, 11)
    if carrier is Carrier.YUNDA:
        return rng.choice(("43", "31", "46")) + rng.choice("0123579") + _digits(rng, 10)
    if carrier is Carrier.JD:
        return "JDX0" + _digits(rng, 11) if rng.random() < 0.5 else "JD00" + _digits(rng, 11)
    if carrier is Carrier.EMS and rng.random() < 0.4:
        return "11" + _digits(rng, 11)
    # UPU S10: EMS from China is E?…CN; inbound international items carry their country.
    serial = _digits(rng, 8)
    service = "E" + rng.choice("ABCEM") if carrier is Carrier.EMS else rng.choice(("RR", "LX", "CP", "UB"))
    return f"{service}{serial}{s10_check_digit(serial)}{country}"


def demo_tracking_number(rng: random.Random, carrier: Carrier, country: str, taken: set[str]) -> str:
    """A fresh, valid tracking number of ``carrier``'s format not in ``taken`` (added to it)."""
    while True:
        number = _tracking_candidate(rng, carrier, country)
        if number not in taken:
            taken.add(number)
            return validate_tracking(number, carrier).number


# ---------------------------------------------------------------- the plan
@dataclass
class _Step:
    at: datetime
    action: str  # a CaseService method name
    kwargs: dict[str, Any]
    status: CaseStatus | None  # the status the case has after this step


@dataclass
class _Script:
    index: int
    steps: list[_Step] = field(default_factory=list)
    case_id: int = 0
    version: int = 0
    status: CaseStatus = S.REGISTERED
    paid: bool = False


class _Later:
    """A value filled in when the step runs, from the depot's local date then."""

    def __init__(self, make: Callable[[date], Any]) -> None:
        self.make = make


def _paid_on() -> _Later:
    return _Later(lambda day: day)


class _Planner:
    """Decides, deterministically from the seed, what happens to every case."""

    def __init__(self, rng: random.Random, *, end: datetime, tz: str, policy: Policy,
                 staff: dict[str, list[int]]) -> None:
        self.rng = rng
        self.end = end
        self.tz = tz
        self.policy = policy
        self.manager = staff["manager"][0]
        self.clerks = staff["clerk"]
        self.couriers = staff["courier"]
        self.numbers: set[str] = set()

    # ------------------------------------------------------------ identities
    def name(self) -> str:
        return self.rng.choice(_SURNAMES) + self.rng.choice(_GIVEN)

    def mobile(self) -> str:
        return self.rng.choice(_MOBILE_PREFIXES) + _digits(self.rng, 8)

    def landline(self) -> str:
        area, first = self.rng.choice(_LANDLINES)
        return f"{area}-{first}{_digits(self.rng, 7)}"

    def recipient_address(self, kind: ProblemKind) -> str:
        rng = self.rng
        if kind is K.OUT_OF_AREA:
            return f"{rng.choice(_REMOTE)}{rng.randint(1, 12)}组{rng.randint(1, 120)}号"
        road = rng.choice(_PUDONG_ROADS)
        if rng.random() < 0.3:
            return (f"上海市浦东新区{road}{rng.randint(1, 2000)}号{rng.choice(_OFFICES)}"
                    f"{rng.randint(2, 38)}楼")
        return (f"上海市浦东新区{road}{rng.randint(1, 1800)}弄{rng.randint(1, 60)}号"
                f"{rng.randint(1, 24)}0{rng.randint(1, 4)}室")

    def sender_address(self, area: str | None = None) -> str:
        rng = self.rng
        if area is None:
            area, roads = rng.choice(_SENDER_PLACES)
        else:
            roads = dict(_SENDER_PLACES)[area]
        tail = rng.choice(("", f"{rng.randint(1, 20)}幢{rng.randint(1, 18)}0{rng.randint(1, 6)}室",
                           f"{rng.randint(1, 8)}号仓库"))
        return f"{area}{rng.choice(roads)}{rng.randint(1, 999)}号{tail}"

    def tracking(self, carrier: Carrier, country: str = "CN") -> str:
        return demo_tracking_number(self.rng, carrier, country, self.numbers)

    # ---------------------------------------------------------------- parcels
    def parcel(self, kind: ProblemKind, *, force_claim: bool) -> tuple[Carrier, str, dict[str, Any], _Item]:
        rng = self.rng
        country = "CN"
        if kind is K.CUSTOMS_HELD:
            carrier = Carrier.UPU_INTL
            country, origin = rng.choice(_FOREIGN)
        else:
            carrier = _pick(rng, ((Carrier.ZTO, 22), (Carrier.YTO, 18), (Carrier.YUNDA, 12),
                                  (Carrier.JT, 12), (Carrier.SF, 14), (Carrier.STO, 8), (Carrier.JD, 9),
                                  (Carrier.EMS, 5)))
        number = self.tracking(carrier, country)
        item = _pick(rng, _ITEMS)
        if force_claim:
            while item.high < 600:
                item = _pick(rng, _ITEMS)
        shop = rng.random() < 0.4
        sender, area = rng.choice(_SHOPS) if shop else (self.name(), None)
        sender_phone = self.landline() if shop and rng.random() < 0.5 else self.mobile()
        sender_address = origin if kind is K.CUSTOMS_HELD else self.sender_address(area)
        grams = rng.randint(*item.grams)
        kg = math.ceil(grams / 1000)
        if carrier is Carrier.SF:
            freight = 12 + (kg - 1) * rng.choice((2, 3, 5))
        elif carrier is Carrier.UPU_INTL:
            freight = 80 + (kg - 1) * 40
        else:
            freight = rng.choice((6, 7, 8, 10)) + (kg - 1) * rng.choice((1, 2, 3))
        facts: dict[str, Any] = {
            "sender_name": sender, "sender_phone": sender_phone, "sender_address": sender_address,
            "recipient_name": self.name(),
            "recipient_phone": self.landline() if rng.random() < 0.05 else self.mobile(),
            "recipient_address": self.recipient_address(kind),
            "item_description": item.name, "weight_g": grams, "freight": Decimal(freight),
            "scope": (ShipmentScope.INTERNATIONAL if carrier is Carrier.UPU_INTL
                      else ShipmentScope.SAME_CITY if sender_address.startswith("上海")
                      else ShipmentScope.DOMESTIC).value,
        }
        if item.high > 0 and (force_claim or rng.random() < 0.88):
            value = rng.randint(max(item.low, 600) if force_claim else item.low, item.high)
            value = value - value % 10 + 9 if value > 100 else value  # prices end in 9
            declared = Decimal(value)
            facts["declared_value"] = declared
            if force_claim:
                facts["insured_value"] = declared
            elif rng.random() < item.insure:
                facts["insured_value"] = declared if rng.random() < 0.75 else \
                    min(declared, Decimal(max(500, int(value * 0.6) // 100 * 100)))
            if kind in _COD_KINDS or rng.random() < 0.06:
                facts["cod_amount"] = declared
        elif kind in _COD_KINDS:
            facts["declared_value"] = facts["cod_amount"] = Decimal(rng.randint(59, 399))
        return carrier, number, facts, item

    # ------------------------------------------------------------------ times
    def working(self, moment: datetime) -> datetime:
        """``moment`` moved into the desk's working hours (08:30–20:30 local)."""
        local = to_local(moment, self.tz)
        start = local.replace(hour=8, minute=30, second=0, microsecond=0)
        if local < start:
            local = start + timedelta(minutes=self.rng.randint(0, 90))
        elif local.hour >= 20 and local.minute >= 30 or local.hour >= 21:
            local = start + timedelta(days=1, minutes=self.rng.randint(0, 90))
        return to_utc(local, self.tz)

    def after(self, moment: datetime, low_h: float, high_h: float) -> datetime:
        delta = timedelta(hours=self.rng.uniform(low_h, high_h))
        return self.working(moment + max(delta, timedelta(minutes=1)))

    # ---------------------------------------------------------------- the case
    def plan(self, script: _Script, reported: datetime, *, target: CaseStatus | None,
             cancel: bool = False, reopen: bool = False, claim_decision: bool | None = None) -> None:
        """Fill ``script.steps``: closed unless ``target`` names an open status.

        ``claim_decision`` makes the case an insured claim above the approval
        threshold that the manager approves (True) or rejects (False).
        """
        rng = self.rng
        force_claim = target is S.AWAITING_APPROVAL or claim_decision is not None
        kind = rng.choice(_CLAIM_KINDS) if force_claim else _pick(rng, _KIND_WEIGHTS)
        carrier, number, parcel, item = self.parcel(kind, force_claim=force_claim)
        clerk = rng.choice(self.clerks)
        steps = script.steps
        t = reported

        def add(action: str, after: CaseStatus | None, **kwargs: Any) -> None:
            steps.append(_Step(t, action, kwargs, after))

        # --- report
        by_courier = kind in _COURIER_FOUND and rng.random() < 0.7
        if by_courier:
            courier = rng.choice(self.couriers)
            channel, reporter_by = ReportChannel.COURIER, courier
            reporter_name, reporter_contact = "", ""
        else:
            courier = rng.choice(self.couriers)
            channel = _pick(rng, ((ReportChannel.PHONE, 5), (ReportChannel.COUNTER, 3),
                                  (ReportChannel.ONLINE, 3), (ReportChannel.EMAIL, 0.5)))
            reporter_by = clerk
            from_sender = kind in (K.LOST, K.DELAYED, K.COD_CHANGE, K.FREIGHT_DISPUTE, K.RETURN_RECEIPT,
                                   K.CUSTOMS_HELD) or rng.random() < 0.3
            reporter_name = parcel["sender_name" if from_sender else "recipient_name"]
            reporter_contact = parcel["sender_phone" if from_sender else "recipient_phone"]
            if channel is ReportChannel.EMAIL:
                reporter_contact = f"kefu{rng.randint(10, 999)}@example.com"
        priority = Priority.URGENT if rng.random() < 0.03 else Priority.LOW if rng.random() < 0.04 else None
        description = rng.choice(_DESCRIPTIONS[kind]).format(item=item.name)
        add("register_case", S.REGISTERED, tracking_no=number, carrier=carrier, kind=kind, by=reporter_by,
            priority=priority, report_channel=channel, reporter_name=reporter_name,
            reporter_contact=reporter_contact, description=description, parcel=parcel, assignee_id=clerk)

        def contact(party: ContactParty, outcome: ContactOutcome, note: str, *, lo: float = 0.2,
                    hi: float = 4.0, chan: ContactChannel = ContactChannel.PHONE, who: int = clerk) -> None:
            nonlocal t
            t = self.after(t, lo, hi)
            add("log_contact", None, party=party, channel=chan, outcome=outcome, by=who, note=note)

        fail = (ContactOutcome.NO_ANSWER, ContactOutcome.SWITCHED_OFF, ContactOutcome.NO_ANSWER)
        if cancel:
            if rng.random() < 0.5:
                t = self.after(t, 0.2, 2)
                add("set_status", S.VERIFYING, expected_version=None, status=S.VERIFYING, by=clerk, reason="")
            t = self.after(t, 0.3, 24)
            add("cancel_case", S.CANCELLED, reason=rng.choice(_CANCEL_REASONS), by=clerk)
            return

        # --- the courier's first attempts, before the desk takes over
        if kind in (K.UNREACHABLE, K.CANNOT_PAY, K.LONG_INSPECTION):
            contact(ContactParty.RECIPIENT, rng.choice(fail), "派件前电话联系", lo=0.1, hi=1, who=courier)
            contact(ContactParty.RECIPIENT, ContactOutcome.LEFT_MESSAGE, "已发送短信提醒",
                    chan=ContactChannel.SMS, lo=0.05, hi=0.5, who=courier)
        elif kind is K.RECIPIENT_INFO:
            contact(ContactParty.RECIPIENT, ContactOutcome.WRONG_NUMBER, "提示空号", lo=0.1, hi=1, who=courier)
        if target is S.REGISTERED:
            return

        # --- verify and investigate
        if target is S.VERIFYING or rng.random() < 0.6:
            t = self.after(t, 0.1, 3)
            add("set_status", S.VERIFYING, expected_version=None, status=S.VERIFYING, by=clerk, reason="")
            if target is S.VERIFYING:
                return
        if target is S.INVESTIGATING or kind in _INVESTIGATIVE or rng.random() < 0.3:
            t = self.after(t, 0.2, 6)
            add("set_status", S.INVESTIGATING, expected_version=None, status=S.INVESTIGATING, by=clerk,
                reason="")
        if kind in (K.LOST, K.FALSE_SIGN_FOR, K.SHORT_CONTENTS, K.SWAPPED):
            contact(ContactParty.OUTLET, ContactOutcome.REACHED, "派件网点核查签收及交接记录", lo=0.5, hi=6)
            contact(ContactParty.HUB, rng.choice((ContactOutcome.REACHED, ContactOutcome.NO_ANSWER)),
                    "中转场查找监控及分拣记录", lo=0.5, hi=24)
        elif kind in (K.DELAYED, K.HELD_AT_HUB):
            contact(ContactParty.HUB, ContactOutcome.REACHED, "中转场确认漏分，已加急转运", lo=0.5, hi=6)
        elif kind in (K.UNREACHABLE, K.CANNOT_PAY):
            contact(ContactParty.RECIPIENT, rng.choice(fail), "客服再次致电", lo=1, hi=6)
        if kind.info.is_complaint:
            # Complaints: first response within 24 hours (sometimes missed, as in life).
            contact(ContactParty.RECIPIENT, ContactOutcome.REACHED, "已致歉并说明处理进度", lo=0.5,
                    hi=30 if rng.random() < 0.1 else 12)
        if target is S.INVESTIGATING:
            return

        # --- a phone call settles it: the parcel is simply signed for
        if target is None and not reopen and kind in _DIRECT_CLOSE and rng.random() < 0.25:
            contact(ContactParty.RECIPIENT, ContactOutcome.REACHED, "收件人回电，约定今日派送", lo=0.5, hi=24)
            t = self.after(t, 2, 30)
            outcome = FinalOutcome.WITHDRAWN if kind is K.SERVICE_COMPLAINT else FinalOutcome.SIGNED
            add("close_case", S.CLOSED, outcome=outcome, by=clerk, satisfaction=self.rating(),
                note=rng.choice(_CLOSE_NOTES[outcome]))
            return

        # --- the sender (or the recipient) decides
        if target is S.AWAITING_CUSTOMER or rng.random() < 0.3:
            contact(ContactParty.SENDER, rng.choice((ContactOutcome.REACHED, ContactOutcome.LEFT_MESSAGE)),
                    "已告知情况，等待寄件人确认处理方式", lo=0.3, hi=6)
            t = self.after(t, 0.05, 0.5)
            add("set_status", S.AWAITING_CUSTOMER, expected_version=None, status=S.AWAITING_CUSTOMER, by=clerk,
                reason="等待寄件人答复")
            if target is S.AWAITING_CUSTOMER:
                return
            contact(ContactParty.SENDER, ContactOutcome.REACHED, "寄件人回复处理意见", lo=4, hi=40,
                    chan=rng.choice((ContactChannel.PHONE, ContactChannel.WECHAT)))
        else:
            contact(ContactParty.SENDER, ContactOutcome.REACHED, "寄件人确认处理方式", lo=0.3, hi=8)

        rtype = R.COMPENSATE if force_claim else self.resolution_type(kind)
        claim: ClaimInput | None = None
        needs_approval = False
        amount: Decimal | None = None
        details: dict[str, Any]
        if rtype is R.COMPENSATE:
            claim, amount, details = self.claim(kind, parcel, force_claim=force_claim)
            needs_approval = amount > self.policy.approval_threshold
        else:
            details = self.details(rtype, kind, carrier, parcel)
        t = self.after(t, 0.2, 8)
        add("choose_resolution", S.AWAITING_APPROVAL if needs_approval else S.RESOLUTION_CHOSEN,
            expected_version=None, type=rtype, details=details, by=clerk, claim=claim)
        if target in (S.RESOLUTION_CHOSEN, S.AWAITING_APPROVAL) and (target is S.AWAITING_APPROVAL
                                                                      or not needs_approval):
            return
        if needs_approval:
            assert amount is not None and claim is not None
            t = self.after(t, 1, 30)
            reject = claim_decision is False or (claim_decision is None and target is None
                                                 and rng.random() < 0.25)
            if reject:
                comment = rng.choice(_REJECT_COMMENTS)
                add("decide_approval", S.INVESTIGATING, approve=False, comment=comment, by=self.manager)
                # Re-decided below the threshold: a lower agreed amount, or a resend.
                t = self.after(t, 4, 48)
                if R.RESEND in resolutions_for(kind) and rng.random() < 0.4:
                    rtype, claim = R.RESEND, None
                    details = self.details(R.RESEND, kind, carrier, parcel)
                else:
                    lowered = min(self.policy.approval_threshold,
                                  (amount * Decimal("0.6")).quantize(Decimal("1"), rounding=ROUND_DOWN))
                    details = {"amount": lowered, "adjust_reason": f"按审批意见调整：{comment}"}
                add("choose_resolution", S.RESOLUTION_CHOSEN, expected_version=None, type=rtype,
                    details=details, by=clerk, claim=claim)
            else:
                add("decide_approval", S.RESOLUTION_CHOSEN, approve=True,
                    comment=rng.choice(("同意赔付", "证据齐全，同意", "")), by=self.manager)
            if target is S.RESOLUTION_CHOSEN:
                return

        # --- carry it out
        if rtype is not R.COMPENSATE or rng.random() < 0.5:
            t = self.after(t, 0.3, 8)
            note = {R.REDELIVER: "已安排重新派送", R.RETURN: "退回件已发出", R.RESEND: "补发件已揽收",
                    R.TRANSFER: "已交接转寄", R.SELF_PICKUP: "已短信通知收件人自提"}.get(rtype, "")
            add("start_resolution", S.IN_PROGRESS, by=clerk, note=note)
        if rtype is R.TRANSFER:
            t = self.after(t, 12, 36)
            add("update_resolution", S.IN_PROGRESS, details={"signed_at": _paid_on()}, by=clerk)
        if rtype is R.COMPENSATE:
            t = self.after(t, 2, 30)
            method = _pick(rng, ((PaymentMethod.ALIPAY, 4), (PaymentMethod.WECHAT, 3),
                                 (PaymentMethod.BANK, 3), (PaymentMethod.CASH, 0.5)))
            reference, account = self.payment(method, parcel)
            add("record_payment", S.IN_PROGRESS, method=method, reference=reference, paid_on=_paid_on(),
                by=rng.choice((clerk, self.manager)), payee_account=account)
        if target is S.IN_PROGRESS:
            return

        # --- close: most depots close within the due time; a tail runs late
        outcome = _OUTCOME_FOR[rtype]
        t = self.after(t, 1, 10) if rng.random() < 0.8 else self.after(t, 12, 72)
        add("close_case", S.CLOSED, outcome=outcome, by=clerk, satisfaction=self.rating(),
            note=rng.choice(_CLOSE_NOTES[outcome]))
        if reopen:
            t = self.after(t, 24, 240)
            add("reopen_case", S.INVESTIGATING, reason=rng.choice(_REOPEN_REASONS), by=clerk)
            contact(ContactParty.SENDER, ContactOutcome.REACHED, "已核实情况并向客户解释", lo=0.5, hi=24)
            t = self.after(t, 4, 72)
            add("close_case", S.CLOSED, outcome=outcome, by=clerk, satisfaction=self.rating(low=True),
                note="复核完毕，维持原处理结果")

    def rating(self, *, low: bool = False) -> int | None:
        if self.rng.random() < 0.15:
            return None  # the customer could not be asked
        weights = (10, 15, 30, 25, 20) if low else (3, 5, 12, 30, 50)
        return self.rng.choices((1, 2, 3, 4, 5), weights=weights)[0]

    def resolution_type(self, kind: ProblemKind) -> ResolutionType:
        options = resolutions_for(kind)
        weights = [0.55, 0.25, 0.12, 0.05, 0.03][: len(options)]
        if kind in (K.LOST, K.FALSE_SIGN_FOR, K.SHORT_CONTENTS):
            weights = [0.7, 0.3][: len(options)]
        return self.rng.choices(options, weights=weights)[0]

    def claim(self, kind: ProblemKind, parcel: dict[str, Any], *,
              force_claim: bool) -> tuple[ClaimInput, Decimal, dict[str, Any]]:
        """The loss as the clerk states it, the amount the service will set, the details."""
        rng = self.rng
        declared: Decimal | None = parcel.get("declared_value")
        insured: Decimal | None = parcel.get("insured_value")
        loss = kind.info.default_loss or LossExtent.PARTIAL
        if kind in (K.SWAPPED, K.CUSTOMS_HELD):
            loss = LossExtent.TOTAL
        if force_claim:
            loss = LossExtent.TOTAL  # destroyed or gone: the insured amount, above the threshold
        full = declared if declared else Decimal(rng.randint(50, 300))
        if loss is LossExtent.TOTAL:
            actual: Decimal | None = full
        elif loss is LossExtent.PARTIAL:
            share = Decimal(rng.choice((20, 30, 40, 50, 60, 80, 100))) / 100
            actual = max(Decimal("1.00"), (full * share).quantize(Decimal("0.01")))
            if kind is K.SERVICE_COMPLAINT:
                actual = min(full, Decimal(rng.choice((10, 20, 30, 50))))
        else:
            actual = None
        claim = ClaimInput(loss=loss, actual_loss=actual,
                           full_value=full if loss is LossExtent.PARTIAL else None,
                           gross_negligence=kind is K.FALSE_SIGN_FOR and rng.random() < 0.5)
        facts = ClaimFacts(kind=kind, loss=claim.loss, declared_value=declared, insured_value=insured,
                           freight=parcel["freight"], actual_loss=claim.actual_loss,
                           full_value=claim.full_value, gross_negligence=claim.gross_negligence)
        suggested = suggest_compensation(facts, self.policy).amount
        details: dict[str, Any] = {}
        amount = suggested
        if suggested > 20 and rng.random() < 0.1:
            whole = suggested.quantize(Decimal("1"), rounding=ROUND_DOWN)
            if whole != suggested:
                amount = whole
                details = {"amount": whole, "adjust_reason": "与寄件人协商一致，按整数金额赔付"}
        return claim, amount, details

    def details(self, rtype: ResolutionType, kind: ProblemKind, carrier: Carrier,
                parcel: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        if rtype is R.REDELIVER:
            days_later = rng.choice((0, 1, 1))
            out: dict[str, Any] = {"attempt_date": _Later(lambda day: day + timedelta(days=days_later))}
            if kind is K.RECIPIENT_INFO:
                if rng.random() < 0.6:
                    out["new_phone"] = self.mobile()
                if rng.random() < 0.5:
                    out["new_address"] = self.recipient_address(kind)
            elif kind is K.OUT_OF_AREA:
                out["new_address"] = self.recipient_address(K.UNREACHABLE)
            return out
        if rtype is R.RESEND:
            return {"new_tracking_no": self.tracking(carrier if carrier is not Carrier.UPU_INTL else Carrier.EMS)}
        if rtype is R.RETURN:
            ret: dict[str, Any] = {"reason": _RETURN_REASONS.get(kind, "按寄件人意见退回")}
            if rng.random() < 0.6:
                ret["return_tracking_no"] = self.tracking(
                    carrier if carrier is not Carrier.UPU_INTL else Carrier.EMS)
            return ret
        if rtype is R.TRANSFER:
            other = Carrier.EMS if carrier is not Carrier.EMS else Carrier.SF
            return {"carrier": other.zh, "new_tracking_no": self.tracking(other)}
        if rtype is R.SELF_PICKUP:
            return {"outlet": rng.choice(_OUTLETS),
                    "pickup_code": f"{rng.randint(1, 9)}-{rng.randint(1, 6)}-{rng.randint(1000, 9999)}"}
        if rtype is R.CHANGE_TERMS:
            terms: dict[str, Any] = {"confirmation_ref": f"QR{rng.randint(10000, 99999)}（寄件人微信书面确认）"}
            cod = parcel.get("cod_amount")
            freight: Decimal = parcel["freight"]
            if kind in _COD_KINDS and cod is not None:
                terms["new_cod_amount"] = Decimal(0) if rng.random() < 0.5 else (cod * Decimal("0.8")).quantize(
                    Decimal("1"), rounding=ROUND_DOWN)
            elif kind is K.WEIGHT_MISMATCH:
                terms["new_freight"] = freight + rng.choice((2, 4, 6, 8))
            elif kind is K.OUT_OF_AREA:
                terms["new_freight"] = freight + rng.choice((5, 10, 15))
            else:
                terms["freight_payer"] = rng.choice(("sender", "recipient"))
            return terms
        raise AssertionError(rtype)

    def payment(self, method: PaymentMethod, parcel: dict[str, Any]) -> tuple[str, str]:
        rng = self.rng
        phone = self.mobile()
        if method is PaymentMethod.ALIPAY:
            return "{ymd}2200" + _digits(rng, 18), f"{phone[:3]}****{phone[-4:]}（支付宝）"
        if method is PaymentMethod.WECHAT:
            return "4200" + _digits(rng, 6) + "{ymd}" + _digits(rng, 10), f"微信 {parcel['sender_name'][:1]}*"
        if method is PaymentMethod.BANK:
            bank, prefix = rng.choice((("工商银行", "6222"), ("建设银行", "6217"), ("招商银行", "6225"),
                                       ("农业银行", "6228")))
            return f"HX{{ymd}}{_digits(rng, 10)}", f"{bank} {prefix} **** **** {_digits(rng, 4)}"
        return f"XJ-{{ymd}}-{rng.randint(1, 99):02d}", "现金，收款人当面签字"


# ------------------------------------------------------------------ playback
#: The PIN of every sample operator (printed by ``depot-app demo-data``).
DEMO_PIN = "2468"


def _ensure_operators(services: Services) -> dict[str, list[int]]:
    existing = {op.name: op for op in services.operators.list()}
    staff: dict[str, list[int]] = {"manager": [], "clerk": [], "courier": []}
    manager_id: int | None = None
    for name, role in DEMO_OPERATORS:
        op = existing.get(name)
        if op is None:
            op = services.operators.add(name=name, role=role, by=manager_id, secret=DEMO_PIN)
        if role is Role.MANAGER and manager_id is None:
            manager_id = op.id
        staff[role.value].append(op.id)
    return staff


def _reported_times(rng: random.Random, count: int, end: datetime, tz: str) -> list[datetime]:
    """Report moments over the history: weekdays busier, mornings and afternoons."""
    start_day = local_date(end, tz) - timedelta(days=HISTORY_DAYS)
    days = [start_day + timedelta(days=i) for i in range(HISTORY_DAYS + 1)]
    weights = [0.7 if d.weekday() >= 5 else 1.0 for d in days]
    hours = [(8, 2), (9, 6), (10, 8), (11, 6), (12, 3), (13, 4), (14, 7), (15, 7), (16, 6), (17, 4),
             (18, 2), (19, 1)]
    out: list[datetime] = []
    while len(out) < count:
        day = rng.choices(days, weights=weights)[0]
        hour = _pick(rng, hours)
        local = datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59))
        moment = to_utc(local, tz)
        if moment < end - timedelta(minutes=10):
            out.append(moment)
    out.sort()
    return out


def _open_probability(age: timedelta) -> float:
    days = age.total_seconds() / 86400
    if days < 2:
        return 0.95
    if days < 7:
        return 0.55
    if days < 21:
        return 0.04
    # A depot closes almost everything within weeks; a handful of long-running
    # cases (lost-parcel claims, customs) stay open.
    return 0.002


def _weighted_sample(rng: random.Random, weights: list[float], k: int) -> list[int]:
    """``k`` distinct indices, each drawn with its weight (Efraimidis–Spirakis)."""
    keys = sorted(((rng.random() ** (1 / w) if w > 0 else 0.0, i) for i, w in enumerate(weights)),
                  reverse=True)
    return sorted(i for _, i in keys[:k])


def generate_demo_data(services: Services, *, cases: int, seed: int = 7, end: datetime | None = None,
                       progress: Callable[[int, int], None] | None = None) -> DemoSummary:
    """Fill the database with ``cases`` realistic cases ending at ``end``.

    ``end`` is naive UTC and defaults to the services' clock's now. Cases
    are reported over the :data:`HISTORY_DAYS` days before it; the most recent
    are mostly open (every open status occurs once there are seven or more
    open cases), older ones mostly closed, a few cancelled, a few reopened.
    ``progress(done, total)`` is called as cases reach their last step.
    Deterministic for one ``seed`` and ``end`` on an empty database.
    """
    began = _time.perf_counter()
    if cases < 0:
        raise ValueError("cases must not be negative")
    end = end or services.clock.now()
    rng = random.Random(seed)
    tz: str = services.settings.get("timezone")
    policy = services.settings.policy()

    clock = FixedClock(end - timedelta(days=HISTORY_DAYS + 1))
    saved = (services.clock, services.cases.clock, services.queries.clock, services.settings.clock,
             services.operators.clock)
    services.clock = services.cases.clock = services.queries.clock = clock
    services.settings.clock = services.operators.clock = clock
    try:
        staff = _ensure_operators(services)
        if not services.settings.get("depot_phone"):
            # A call-back number so the message templates read as they would at a depot.
            services.settings.set(key="depot_phone", value="021-58880000", by=None)
        planner = _Planner(rng, end=end, tz=tz, policy=policy, staff=staff)
        reported = _reported_times(rng, cases, end, tz)

        # Which cases are still open, and at which status: the youngest open
        # case is at the earliest status, older ones further along.
        weights = [_open_probability(end - r) for r in reported]
        n_open = min(cases, max(7, round(sum(weights))))
        open_idx = _weighted_sample(rng, weights, n_open)
        stages = list(_OPEN_ORDER)
        rng.shuffle(stages)
        stages += rng.choices(_OPEN_ORDER, weights=_OPEN_WEIGHTS, k=max(0, n_open - len(stages)))
        stages = sorted(stages[:n_open], key=_OPEN_ORDER.index, reverse=True)
        target: dict[int, CaseStatus] = dict(zip(open_idx, stages, strict=True))

        # A few older closed cases are cancelled, reopened, or claims above
        # the approval threshold (approved and paid, or rejected).
        closed_old = [i for i in range(cases) if i not in target and end - reported[i] > timedelta(days=20)]
        specials = max(1, round(cases * 0.012)) if cases >= 20 else 0
        claims = max(2, round(cases * 0.02)) if cases >= 20 else 0
        rejected = max(1, round(claims * 0.25)) if claims else 0
        chosen = rng.sample(closed_old, min(len(closed_old), 2 * specials + claims))
        cancelled, reopened = set(chosen[:specials]), set(chosen[specials:2 * specials])
        decision = {i: n >= rejected for n, i in enumerate(chosen[2 * specials:])}

        scripts: list[_Script] = []
        margin = timedelta(minutes=2)
        for i, moment in enumerate(reported):
            script = _Script(i)
            planner.plan(script, moment, target=target.get(i), cancel=i in cancelled, reopen=i in reopened,
                         claim_decision=decision.get(i))
            if i in target:
                _stop_at(script, target[i])
            _fit_before(script, end - margin)
            scripts.append(script)

        order = sorted((step.at, s.index, k) for s in scripts for k, step in enumerate(s.steps))
        finished = 0
        every = max(1, cases // 100)
        for at, idx, k in order:
            script = scripts[idx]
            step = script.steps[k]
            clock.moment = at
            today = local_date(at, tz)
            kwargs = {name: _resolve(value, today) for name, value in step.kwargs.items()}
            if step.action != "register_case":
                kwargs["case_id"] = script.case_id
            detail = getattr(services.cases, step.action)(**kwargs)
            script.case_id, script.version, script.status = detail.id, detail.version, detail.status
            if step.action == "record_payment":
                script.paid = True
            if k == len(script.steps) - 1:
                finished += 1
                if progress is not None and (finished % every == 0 or finished == cases):
                    progress(finished, cases)
    finally:
        (services.clock, services.cases.clock, services.queries.clock, services.settings.clock,
         services.operators.clock) = saved

    return DemoSummary(
        cases=len(scripts),
        open=sum(1 for s in scripts if s.status.is_open),
        closed=sum(1 for s in scripts if s.status is S.CLOSED),
        cancelled=sum(1 for s in scripts if s.status is S.CANCELLED),
        compensated=sum(1 for s in scripts if s.paid),
        operators=len(DEMO_OPERATORS),
        elapsed_seconds=round(_time.perf_counter() - began, 3),
    )


def _stop_at(script: _Script, status: CaseStatus) -> None:
    """Drop the steps after the last one that leaves the case at ``status``."""
    current, last, last_open = S.REGISTERED, -1, 0
    for k, step in enumerate(script.steps):
        current = step.status or current
        if current is status:
            last = k
        if current.is_open:
            last_open = k
    del script.steps[(last if last >= 0 else last_open) + 1:]


def _fit_before(script: _Script, limit: datetime) -> None:
    """Squeeze a case's steps in time so the last one happens before ``limit``."""
    first, last = script.steps[0].at, script.steps[-1].at
    if last <= limit or last == first:
        return
    factor = (limit - first) / (last - first)
    for step in script.steps[1:]:
        step.at = first + (step.at - first) * factor


def _resolve(value: Any, today: date) -> Any:
    if isinstance(value, _Later):
        return value.make(today)
    if isinstance(value, str) and "{ymd}" in value:
        return value.replace("{ymd}", today.strftime("%Y%m%d"))
    if isinstance(value, dict):
        return {k: _resolve(v, today) for k, v in value.items()}
    return value
