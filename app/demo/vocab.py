"""The words of the demo shop: brand, catalogue, people, places and what they write.

Pure data, no logic: the generators in the sibling modules pick from these with the demo's seeded
random source, so the same seed always picks the same words.
"""

from __future__ import annotations

BRAND = "云朵小屋"
SHOP_NAME = "云朵小屋家纺旗舰店"

# platform -> (handle, display name, currency, time zone, followers on the first day)
ACCOUNTS = {
    "douyin": ("yunduo_home", "云朵小屋家纺", "CNY", "Asia/Shanghai", 48_600),
    "kuaishou": ("yunduojiafang", "云朵小屋家纺小店", "CNY", "Asia/Shanghai", 12_300),
    "channels": ("sph_yunduo_home", "云朵小屋生活馆", "CNY", "Asia/Shanghai", 6_100),
    "xiaohongshu": ("yunduo_home_red", "云朵小屋的床品笔记", "CNY", "Asia/Shanghai", 9_400),
    "tiktok": ("cloudnest.home", "Cloudnest Home", "USD", "America/Los_Angeles", 15_800),
}

# (name, short name used in titles, seller SKU code, price in yuan, popularity, variations)
DOUYIN_PRODUCTS = (
    (
        "60支长绒棉四件套 纯棉床单被套",
        "长绒棉四件套",
        "4J60",
        399,
        9,
        ("1.5m床 奶油白", "1.8m床 奶油白", "1.8m床 雾霾蓝", "2.0m床 燕麦色"),
    ),
    (
        "A类水洗棉四件套 ins风简约",
        "水洗棉四件套",
        "4JSX",
        259,
        10,
        ("1.5m床 米灰格", "1.8m床 米灰格", "1.8m床 浅绿条"),
    ),
    (
        "天丝冰丝凉感四件套 夏季裸睡",
        "冰丝四件套",
        "4JTS",
        329,
        6,
        ("1.5m床 月光白", "1.8m床 月光白", "1.8m床 雾粉"),
    ),
    ("大豆纤维夏凉被 空调被可水洗", "大豆夏凉被", "XLB", 169, 8, ("150x200cm", "200x230cm")),
    ("100%桑蚕丝被 春秋被 子母被", "桑蚕丝被", "CSB", 899, 3, ("200x230cm 2斤", "200x230cm 4斤")),
    ("新疆棉花被 冬被加厚 手工棉絮", "新疆棉被", "MHB", 459, 5, ("150x200cm 6斤", "200x230cm 8斤")),
    ("泰国天然乳胶枕 单只装 护颈", "乳胶枕", "RJZ", 129, 9, ("成人款 60x40cm", "高低款 60x40cm")),
    ("记忆棉护颈枕 慢回弹 侧睡", "记忆棉枕", "JYZ", 99, 7, ("标准款", "加高款")),
    ("95白鹅绒羽绒枕 五星酒店同款", "羽绒枕", "YRZ", 219, 4, ("48x74cm 低枕", "48x74cm 高枕")),
    (
        "纯棉床笠 防滑床垫保护罩",
        "纯棉床笠",
        "CL",
        79,
        8,
        ("1.5x2.0m 奶油白", "1.8x2.0m 奶油白", "1.8x2.0m 灰色"),
    ),
    ("防水隔尿床垫保护垫 可机洗", "防水隔尿垫", "GNB", 89, 5, ("1.5x2.0m", "1.8x2.0m")),
    ("长绒棉大浴巾 吸水不掉毛", "长绒棉浴巾", "YJ", 59, 8, ("70x140cm 米白", "70x140cm 雾蓝")),
    ("纯棉毛巾 三条装 A类", "纯棉毛巾", "MJ3", 39, 9, ("三条装 混色",)),
    (
        "珊瑚绒家居服睡衣女 秋冬加厚",
        "珊瑚绒睡衣",
        "SYSH",
        139,
        6,
        ("M 杏色", "L 杏色", "XL 豆沙粉"),
    ),
    ("纯棉睡衣套装 长袖 可外穿", "纯棉睡衣", "SYCM", 159, 6, ("M 蓝条", "L 蓝条", "XL 灰条")),
    ("法兰绒毛毯 办公室午睡毯", "法兰绒毛毯", "MT", 89, 7, ("100x150cm", "150x200cm")),
    (
        "牛奶绒四件套 冬季加厚保暖",
        "牛奶绒四件套",
        "4JNN",
        229,
        8,
        ("1.5m床 奶咖", "1.8m床 奶咖", "1.8m床 雾霾蓝"),
    ),
    ("棉麻抱枕套 沙发靠垫 不含芯", "棉麻抱枕套", "BZT", 35, 6, ("45x45cm 燕麦", "45x45cm 墨绿")),
    ("客厅短绒地毯 可机洗 防滑", "短绒地毯", "DT", 199, 4, ("120x160cm", "160x230cm")),
    ("全遮光窗帘 成品 挂钩式", "遮光窗帘", "CLA", 169, 4, ("宽2m高2.7m", "宽3m高2.7m")),
    ("A类纯棉儿童盖毯 纱布被", "儿童纱布被", "ETT", 99, 5, ("110x150cm", "120x150cm")),
    ("天然乳胶床垫 5cm 榻榻米", "乳胶床垫", "RJD", 699, 2, ("1.5x2.0m", "1.8x2.0m")),
    ("针织棉单品被套 裸睡级", "针织棉被套", "BT", 149, 5, ("150x200cm", "200x230cm")),
    ("羊羔绒床单 单件 加厚", "羊羔绒床单", "CD", 119, 5, ("230x250cm", "245x270cm")),
    ("纯棉枕套一对 48x74cm", "纯棉枕套", "ZT", 45, 7, ("一对 奶油白", "一对 雾霾蓝")),
)

# (name, short, seller SKU, price in cents, popularity, variations)
TIKTOK_PRODUCTS = (
    (
        "Cooling Bamboo Sheet Set",
        "bamboo sheets",
        "CN-BSS",
        4999,
        9,
        ("Queen, White", "King, White", "Queen, Sage"),
    ),
    ("Memory Foam Contour Pillow", "contour pillow", "CN-MFP", 2999, 7, ("Standard", "Firm")),
    (
        "Waffle Knit Throw Blanket",
        "waffle throw",
        "CN-WKT",
        3499,
        6,
        ("50x60, Oat", "50x60, Cream"),
    ),
    ("Organic Cotton Towel Set (6 pc)", "towel set", "CN-OTS", 2499, 6, ("White", "Stone")),
    (
        "Mulberry Silk Pillowcase 2-Pack",
        "silk pillowcase",
        "CN-SPC",
        2299,
        8,
        ("Queen, Champagne", "Queen, Navy"),
    ),
)

# (name, description, colour, differentiation: how this shop does the theme unlike the others)
PILLARS = (
    (
        "好物测评",
        "实测面料、做工、洗后表现，给出买不买的结论",
        "#4e79a7",
        "只拍实测不念参数：每条都有水洗、揉搓或显微镜画面，结论放在前5秒",
    ),
    (
        "源头工厂",
        "南通家纺产业带工厂实拍：原料、裁剪、缝制、质检",
        "#f28e2b",
        "老板本人进车间讲成本，别人拍环境，我们拍价格是怎么来的",
    ),
    (
        "使用教程",
        "套被套、洗护、收纳、换季整理的实用技巧",
        "#59a14f",
        "“30秒学会”一条只教一件事，不拍十分钟的长教程",
    ),
    (
        "顾客晒单",
        "顾客返图和回购故事，带出口碑",
        "#e15759",
        "用真实买家的卧室和原话，不摆拍，不用模特",
    ),
    (
        "直播预告",
        "直播间福利、上新、限时秒杀预告",
        "#b07aa1",
        "预告只讲一个福利和开播时间，15秒内说完",
    ),
    (
        "日常vlog",
        "家纺店老板娘的一天，拉近和粉丝的距离",
        "#76b7b2",
        "夫妻店的真实日常：打包、踩坑、客服趣事，不卖惨不炫富",
    ),
)

# (name, age band, region, interests, notes, gender mix, pain points)
PERSONAS = (
    (
        "精致宝妈",
        "28-35岁",
        "江浙沪、广东",
        "母婴安全、A类面料、收纳、性价比",
        "关心孩子能不能直接接触，爱看实测和教程",
        "女 90% / 男 10%",
        "怕甲醛和荧光剂；孩子尿床后床品难洗；没时间研究面料",
    ),
    (
        "租房青年",
        "22-28岁",
        "一二线城市",
        "ins风、小户型改造、平价好物",
        "预算有限，冲动消费多发生在晚上",
        "女 70% / 男 30%",
        "出租屋床垫旧、床品丑；搬家频繁，不想买太贵；晒不到太阳",
    ),
    (
        "品质家庭",
        "35-50岁",
        "全国，偏北方",
        "蚕丝被、乳胶枕、睡眠质量、送父母",
        "客单价高，看重源头工厂和售后",
        "女 60% / 男 40%",
        "睡不好、颈椎不舒服；怕买到假蚕丝；送礼要有面子",
    ),
)

TEMPLATES = (
    (
        "问题-解决方案-效果对比",
        "抛出问题（被子越盖越硬、床单起球）\n给出解决方案（产品+原理）\n前后效果对比\n行动号召：点小黄车",
        45,
        "转化最稳的结构，前3秒必须出现问题画面",
    ),
    ("15秒快剪", "3秒抓眼画面\n3个卖点快切\n价格+福利收尾", 15, "适合新品和直播预告，节奏要快"),
    (
        "口播种草",
        "真人出镜打招呼\n讲使用场景和痛点\n讲卖点和价格\n引导下单",
        38,
        "成本最低，依赖主播表现力",
    ),
    (
        "剧情植入",
        "生活冲突开场\n剧情推进中自然出现产品\n反转+产品解决问题\n结尾口播福利",
        60,
        "互动率高，脚本和拍摄成本高",
    ),
    (
        "开箱测评",
        "拆快递开箱\n上手摸面料、看做工\n暴力测试（水洗、揉搓）\n给出评分",
        50,
        "适合高客单价产品",
    ),
)
TEMPLATE_NAMES = tuple(t[0] for t in TEMPLATES)

# format -> (completion rate, interaction multiplier, product-click multiplier, duration range in s)
FORMAT_EFFECTS = {
    "问题-解决方案-效果对比": (0.30, 1.00, 1.30, (30, 60)),
    "15秒快剪": (0.46, 0.80, 0.90, (12, 18)),
    "口播种草": (0.21, 0.72, 1.20, (25, 50)),
    "剧情植入": (0.36, 1.45, 1.00, (40, 90)),
    "开箱测评": (0.27, 1.00, 1.40, (30, 75)),
}

# Plan items the shop is late with: (title, stage, days before today, planned hour).
OVERDUE_PLAN_ITEMS = (
    ("被子晒太阳的3个误区，第2个很多人都做错了", "edited", 1, 20),
    ("双十二囤货清单｜床品到底买哪几样", "shot", 3, 19),
)
PLAN_NOTES = (
    "封面用前后对比图，标题字要大",
    "挂小黄车：主推款，讲清赠品",
    "找老顾客出镜，提前约时间",
    "BGM用本周热门，先查版权",
    "字幕加大，中老年粉丝多",
    "发布前一天在粉丝群预告",
    "同一素材剪一个15秒版投DOU+",
)

HOOKS = {
    "A": ("痛点开头", "你家的被子是不是越盖越硬？"),
    "B": ("结果开头", "盖了三年依然蓬松，秘密在这里"),
}

CN_TITLES = {
    "好物测评": (
        "实测{p}到底值不值？用了{n}天说实话",
        "{p}测评｜水洗{n}次还起球吗",
        "{n}款{p}横评，闭眼入这一款",
    ),
    "源头工厂": (
        "探访南通家纺工厂，{p}是这样做出来的",
        "源头工厂直发｜{p}为什么能这么便宜",
        "跟着老板进车间，看{p}的{n}道工序",
    ),
    "使用教程": (
        "{p}怎么洗才不缩水？{n}个小技巧",
        "一分钟学会套被套｜{p}",
        "换季收纳{p}，{n}步搞定",
    ),
    "顾客晒单": ("宝子们的{p}返图来啦", "老顾客第{n}次回购{p}", "看看大家家里的{p}"),
    "直播预告": ("今晚8点直播间｜{p}福利价", "周末直播{p}限量秒杀{n}00单", "明晚上新{p}，直播间见"),
    "日常vlog": (
        "家纺店老板娘的一天｜打包{n}00单{p}",
        "开店第{n}年，我们的{p}",
        "换季整理床品｜{p}上新",
    ),
}
CN_TAGS = (
    "#家纺 #床上用品",
    "#好物推荐 #居家好物",
    "#四件套 #卧室改造",
    "#睡眠好物",
    "#源头工厂 #南通家纺",
)

EN_TITLES = (
    "POV: your {p} finally stay cool all night",
    "I tested {p} for {n} days, honest review",
    "The {p} that broke the internet? Let's see",
    "Bedroom reset with our {p}",
    "How our {p} are made, factory tour",
    "{n} reasons you need {p} this season",
)
EN_TAGS = ("#bedding #tiktokmademebuyit", "#homefinds #cozy", "#sleeptok #bedroomdecor")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋"
    "唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
PHONE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "185",
    "186",
    "187",
    "188",
    "189",
    "199",
)

# (region, weight)
CN_REGIONS = (
    ("广东省广州市", 7),
    ("广东省深圳市", 7),
    ("广东省东莞市", 3),
    ("浙江省杭州市", 6),
    ("浙江省宁波市", 3),
    ("江苏省南京市", 4),
    ("江苏省苏州市", 5),
    ("上海市", 7),
    ("北京市", 6),
    ("山东省济南市", 3),
    ("山东省青岛市", 3),
    ("四川省成都市", 5),
    ("湖北省武汉市", 4),
    ("河南省郑州市", 4),
    ("福建省厦门市", 2),
    ("福建省福州市", 2),
    ("湖南省长沙市", 3),
    ("安徽省合肥市", 3),
    ("河北省石家庄市", 2),
    ("陕西省西安市", 3),
    ("重庆市", 4),
    ("天津市", 2),
    ("辽宁省沈阳市", 2),
    ("江西省南昌市", 2),
    ("广西壮族自治区南宁市", 2),
    ("云南省昆明市", 2),
)
US_STATES = (
    ("California", 14),
    ("Texas", 10),
    ("Florida", 8),
    ("New York", 7),
    ("Illinois", 4),
    ("Georgia", 4),
    ("Washington", 3),
    ("Arizona", 3),
    ("Pennsylvania", 4),
    ("Ohio", 3),
    ("New Jersey", 3),
    ("North Carolina", 3),
    ("Michigan", 3),
    ("Nevada", 2),
    ("Colorado", 2),
)
EN_FIRST_NAMES = (
    "kelly",
    "jess",
    "maria",
    "ashley",
    "brianna",
    "sam",
    "nicole",
    "tay",
    "lauren",
    "megan",
    "chloe",
    "olivia",
    "emma",
    "sofia",
    "mia",
    "jade",
    "kayla",
    "amber",
    "dani",
    "brooke",
    "alexis",
    "hannah",
    "grace",
    "lily",
    "zoe",
    "nina",
    "rachel",
)
EN_HANDLE_WORDS = (
    "style",
    "home",
    "cozy",
    "finds",
    "decor",
    "life",
    "mom",
    "nest",
    "vibes",
    "shop",
)

AFFILIATE_AUTHORS = ("小鹿爱家居", "收纳师阿May", "南通家纺老王", "懒人好物研究所", "宝妈小七的家")
TIKTOK_CREATORS = ("@sleepyhomefinds", "@cozycornerco", "@momlifehacks_", "@dormglowup")

PRIVATE_CHANNELS = (("wechat", 5), ("wecom", 7), ("group", 4))
GROUP_NAMES = ("云朵小屋福利1群", "云朵小屋福利2群", "云朵小屋VIP群", "云朵老粉回购群")
TOUCH_NOTES = (
    "新品上架通知：牛奶绒四件套",
    "售后回访：被子收到是否满意",
    "社群发放满199减20券",
    "生日祝福+专属9折券",
    "直播预告：今晚8点福利价",
    "晒单返现¥5活动邀请",
    "换季洗护小贴士",
)

REVIEW_TEXTS = {
    5: (
        "面料很柔软，做工精细，和描述一致",
        "第二次购买了，家人都说好",
        "物流很快，包装严实，颜色很正",
        "洗过之后不掉色不起球，值得",
        "性价比很高，已经推荐给朋友了",
        "睡感真的好，孩子也喜欢",
    ),
    4: ("整体不错，就是有点线头", "挺好的，比预想的稍微薄一点", "质量可以，发货稍慢"),
    3: ("还行吧，和直播间说的有点差距", "颜色比图片深一点，一般"),
    2: ("洗了一次就有点起球，不太满意", "尺寸偏小，铺上去不平"),
    1: ("质量太差了，有异味，晾了三天还在", "和视频里完全不一样，客服态度差", "线头很多，已经退货"),
}

COMMENTS_CN = (
    "质量真的好，已经回购第二套了",
    "颜色好温柔，卧室一下就亮了",
    "盖着很舒服，睡得特别香",
    "老板娘讲得好实在",
    "已下单，期待",
    "这个面料摸着滑滑的",
    "刚收到，没有异味，好评",
    "1.8米的床买哪个尺寸？",
    "可以机洗吗？",
    "冬天盖会冷吗？",
    "有没有灰色的？",
    "直播间几点开始？",
    "发什么快递？",
    "求链接",
    "工厂能定制吗",
    "这个剧情笑死我了哈哈哈",
)
COMMENTS_CN_NEGATIVE = (
    "买了洗一次就起球，失望",
    "客服一直不回消息",
    "收到有一股味道，退货了",
    "和视频里颜色差太多了",
    "发货太慢了，等了一周",
    "线头好多，质量一般",
    "被子缩水严重，差评",
    "退款拖了好几天还没到",
)
COMMENTS_EN = (
    "Obsessed with these sheets",
    "Ordered two sets!",
    "So soft omg",
    "Do they come in king?",
    "Is it machine washable?",
    "Need this for my dorm",
    "Adding to cart rn",
)
COMMENTS_EN_NEGATIVE = (
    "Mine arrived with a stain, not happy",
    "Shipping took forever",
    "Started pilling after one wash",
)
COMMENT_AUTHORS_CN = (
    "momo",
    "小橘子",
    "爱睡觉的猫",
    "阳光明媚",
    "一只小可爱",
    "晴天",
    "木子李",
    "王小姐的家",
    "吃货小胖",
    "追风少年",
    "安静的美女子",
    "芒果布丁",
)

# --- What the exports print beyond the shop's own words --------------------------------------

# City -> districts, for the 抖店 address columns (区).
DISTRICTS = {
    "广州市": ("天河区", "越秀区", "海珠区", "番禺区"),
    "深圳市": ("南山区", "福田区", "宝安区", "龙岗区"),
    "东莞市": ("南城街道", "东城街道", "长安镇"),
    "杭州市": ("西湖区", "拱墅区", "余杭区", "滨江区"),
    "宁波市": ("鄞州区", "海曙区", "江北区"),
    "南京市": ("鼓楼区", "玄武区", "江宁区"),
    "苏州市": ("姑苏区", "吴中区", "工业园区", "昆山市"),
    "上海市": ("浦东新区", "闵行区", "徐汇区", "宝山区"),
    "北京市": ("朝阳区", "海淀区", "丰台区", "通州区"),
    "济南市": ("历下区", "市中区", "槐荫区"),
    "青岛市": ("市南区", "崂山区", "黄岛区"),
    "成都市": ("锦江区", "武侯区", "高新区", "双流区"),
    "武汉市": ("洪山区", "武昌区", "江汉区"),
    "郑州市": ("金水区", "二七区", "中原区"),
    "厦门市": ("思明区", "湖里区", "集美区"),
    "福州市": ("鼓楼区", "仓山区", "晋安区"),
    "长沙市": ("岳麓区", "雨花区", "开福区"),
    "合肥市": ("蜀山区", "包河区", "庐阳区"),
    "石家庄市": ("长安区", "裕华区", "桥西区"),
    "西安市": ("雁塔区", "碑林区", "未央区"),
    "重庆市": ("渝北区", "江北区", "九龙坡区", "南岸区"),
    "天津市": ("南开区", "河西区", "滨海新区"),
    "沈阳市": ("和平区", "沈河区", "浑南区"),
    "南昌市": ("东湖区", "红谷滩区", "青山湖区"),
    "南宁市": ("青秀区", "西乡塘区", "良庆区"),
    "昆明市": ("五华区", "盘龙区", "官渡区"),
}
STREETS = ("光明街道", "建设街道", "新华街道", "青年街道", "解放街道", "长江街道", "中山街道")
ROADS = ("文化路", "和平路", "人民路", "中山路", "长江路", "解放路", "建设路", "青年路")
EXPRESS = (("中通快递", 30), ("圆通速递", 25), ("韵达快递", 15), ("申通快递", 10), ("顺丰速运", 12))
PAYMENT_CN = (("抖音支付", 42), ("微信", 29), ("支付宝", 20), ("抖音月付", 4))
APP_CHANNELS = (("抖音", 78), ("抖音极速版", 14), ("抖音商城", 5), ("今日头条", 3))
CANCEL_REASONS_CN = (
    ("超时未支付", 45),
    ("拍错了/订单信息填写错误", 20),
    ("不想要了", 18),
    ("地址信息填写错误", 10),
    ("其他渠道价格更低", 4),
)
PLATFORM_COUPON = "平台惊喜9折券"
BUYER_MESSAGES = (
    "可以多送个小样吗",
    "麻烦检查一下有没有线头",
    "发顺丰可以吗",
    "尽快发货谢谢",
    "送人的，别放价格单",
)
SELLER_NOTE = "已备注：送小礼物"
REVIEW_LEVELS = {5: "好评", 4: "好评", 3: "中评", 2: "差评", 1: "差评"}
REVIEW_FOLLOW_UPS = ("已经回购第二套了", "洗了几次依然很软", "用了一个月来追评，质量不错")
REVIEW_REPLIES = {
    True: "亲亲，感谢您的支持，云朵小屋期待您再次光临~",
    False: "亲亲，给您带来不好的体验非常抱歉，客服会尽快联系您处理",
}

# state -> (cities, zip code prefixes), for the TikTok Shop address columns.
US_CITIES = {
    "California": (("Los Angeles", "San Diego", "San Jose", "Sacramento"), ("900", "921", "951")),
    "Texas": (("Houston", "Dallas", "Austin", "San Antonio"), ("770", "752", "787")),
    "Florida": (("Miami", "Orlando", "Tampa"), ("331", "328", "336")),
    "New York": (("New York", "Brooklyn", "Buffalo"), ("100", "112", "142")),
    "Illinois": (("Chicago", "Naperville"), ("606", "605")),
    "Georgia": (("Atlanta", "Savannah"), ("303", "314")),
    "Washington": (("Seattle", "Spokane"), ("981", "992")),
    "Arizona": (("Phoenix", "Tucson"), ("850", "857")),
    "Pennsylvania": (("Philadelphia", "Pittsburgh"), ("191", "152")),
    "Ohio": (("Columbus", "Cleveland"), ("432", "441")),
    "New Jersey": (("Newark", "Jersey City"), ("071", "073")),
    "North Carolina": (("Charlotte", "Raleigh"), ("282", "276")),
    "Michigan": (("Detroit", "Grand Rapids"), ("482", "495")),
    "Nevada": (("Las Vegas", "Reno"), ("891", "895")),
    "Colorado": (("Denver", "Boulder"), ("802", "803")),
}
US_STREETS = ("Elm St", "Oak Ave", "Main St", "Park Ave", "Sunset Blvd", "Broadway", "Maple Dr")
PAYMENT_EN = (("Credit/debit card", 50), ("Apple Pay", 21), ("PayPal", 18), ("Afterpay", 11))
CANCEL_REASONS_EN = (
    ("No longer needed", "Buyer", 35),
    ("Need to change shipping address", "Buyer", 28),
    ("Payment overdue", "System", 22),
    ("Better price available", "Buyer", 15),
)
CARRIERS_EN = ("USPS", "UPS", "FedEx")
TIKTOK_CATEGORY = "Home Supplies/Bedding"
