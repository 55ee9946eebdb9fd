<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../app/views/retention/labels.py" line="59"/>
        <source>Once</source>
        <translation>仅一次</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="59"/>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../app/views/app.py" line="180"/>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/app.py" line="232"/>
        <source>ShopReel already has %1 open (process %2). Switch to that window.</source>
        <translation>短视频经营台已经打开了 %1（进程 %2）。请切换到那个窗口。</translation>
    </message>
</context>
<context>
    <name>AttributionView</name>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="54"/>
        <source>Traffic format</source>
        <translation>流量体裁</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="55"/>
        <source>Traffic source</source>
        <translation>流量来源</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="56"/>
        <source>Channel codes</source>
        <translation>渠道码</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="57"/>
        <source>Direct / indirect</source>
        <translation>直接 / 间接</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="58"/>
        <source>Creator (达人)</source>
        <translation>达人</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="59"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="60"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="64"/>
        <source>Channel codes…</source>
        <translation>渠道码…</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="66"/>
        <source>Your coupon and channel codes, e.g. an offline-store QR coupon</source>
        <translation>你自己定义的优惠券码和渠道码，比如门店扫码券</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="93"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="94"/>
        <location filename="../../app/views/conversion/attribution_view.py" line="131"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="94"/>
        <source>Paid order lines</source>
        <translation>已支付的子订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="95"/>
        <source>Share of orders</source>
        <translation>订单占比</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="96"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="97"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="98"/>
        <source>Net GMV</source>
        <translation>净成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="99"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="106"/>
        <source>Short video</source>
        <translation>短视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="107"/>
        <source>Live</source>
        <translation>直播</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="108"/>
        <source>Product card</source>
        <translation>商品卡</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="109"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="110"/>
        <source>Pending (next-day update)</source>
        <translation>数据将于第二天更新</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="111"/>
        <source>Not in the export</source>
        <translation>导出表未提供</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="114"/>
        <source>Direct: cart or link in a video, live</source>
        <translation>直接：视频购物车/链接、直播间</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="115"/>
        <source>Indirect: private domain, coupons and channel codes</source>
        <translation>间接：私域、优惠券和渠道码</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="116"/>
        <source>Other / not known</source>
        <translation>其他 / 未知</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="131"/>
        <source>Paid order lines per group</source>
        <translation>各分组的支付子订单数</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="133"/>
        <source>No paid orders</source>
        <translation>没有已支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="140"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="152"/>
        <source>How orders are matched to videos: an order line counts for a video only when the order export names the video. 抖店 and TikTok Shop order exports do not today (抖店 gives 流量体裁, 流量来源 and 达人昵称; TikTok only the creator), so per-video orders are unknown there, never guessed.</source>
        <translation>订单如何对应到视频：只有订单导出表写明了视频，这条子订单才算到该视频上。目前抖店和 TikTok Shop 的订单导出都不带视频（抖店只给流量体裁、流量来源和达人昵称；TikTok 只给达人），所以这些平台的单条视频订单数显示为未知，绝不猜测。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="158"/>
        <source>This period: %1 of %2 paid lines name a video; %3 short-video lines name none; %4 lines name a creator; %5 wait for the next day&apos;s update.</source>
        <translation>本期：%2 条已支付子订单中有 %1 条写明了视频；%3 条短视频订单没有写明视频；%4 条写明了达人；%5 条等待第二天数据更新。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="173"/>
        <source>Matched on: %1.</source>
        <translation>可对应到视频的平台：%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="179"/>
        <source>How ad spend is matched to videos: a 千川 material counts for a 抖音 video when its name (素材名称) equals the video&apos;s title, ignoring hashtags, spaces and full/half-width forms; when several videos share the title, the one published closest to the material&apos;s creation time (素材创建时间). Materials no title matches (e.g. 本地上传 files) count in the totals only.</source>
        <translation>广告消耗怎么对应到视频：千川素材的素材名称与某条抖音视频的标题相同（不计话题标签、空格和全角/半角差异），就算这条视频的消耗；有多条视频同名时，算发布时间离素材创建时间最近的那条。标题对不上的素材（比如本地上传的文件）只计入总消耗。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="187"/>
        <source>This period: %1 of %2 materials matched a video (%3 of their spend).</source>
        <translation>本期：%2 个素材中有 %1 个对应到了视频（占素材消耗的 %3）。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="206"/>
        <source>Channel codes saved</source>
        <translation>渠道码已保存</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="44"/>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="45"/>
        <source>After an import</source>
        <translation>导入之后</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="46"/>
        <source>Before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="47"/>
        <source>On quitting</source>
        <translation>退出时</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="48"/>
        <source>While you worked</source>
        <translation>使用期间定时</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="49"/>
        <source>Before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="90"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="98"/>
        <source>ShopReel backs up this shop after every import, before an upgrade, every 30 minutes while you work and when you quit. Each backup is checked before it is kept; older ones are thinned to one a day, a week, then a month.
Folder: %1</source>
        <translation>每次导入后、升级前、使用期间每 30 分钟以及退出时，短视频经营台都会自动备份这家店的数据。每份备份都先通过完整性检查才会保留；较早的备份逐步精简为每天、每周、每月各留一份。
备份文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="109"/>
        <source>No backups yet. Choose Back up now to make one.</source>
        <translation>还没有备份。点击“立即备份”做一份。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="118"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="120"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="122"/>
        <source>Put the selected backup in place of the shop (the shop is backed up first)</source>
        <translation>用选中的备份替换当前店铺数据（会先备份当前数据）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="125"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="127"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="143"/>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="144"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="145"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="146"/>
        <source>Check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="181"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="184"/>
        <source>OK</source>
        <translation>完好</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="185"/>
        <source>Damaged: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="213"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="224"/>
        <source>Restore the backup made %1?

The shop as it is now is backed up first (it appears in this list as “Before a restore”), then replaced by this backup. Imports and changes made after %1 will no longer show in the shop; they stay in that new backup.</source>
        <translation>要恢复 %1 的备份吗？

当前的店铺数据会先备份一份（在列表里显示为“恢复之前”），然后被这份备份替换。%1 之后的导入和修改将不再出现在店铺里，但仍保存在那份新备份中。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="231"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="243"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="261"/>
        <source>Backed up and checked: %1</source>
        <translation>已备份并通过检查：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="268"/>
        <source>No backup was made: %1</source>
        <translation>没有完成备份：%1</translation>
    </message>
</context>
<context>
    <name>BestTime</name>
    <message>
        <location filename="../../app/views/content/best_time.py" line="40"/>
        <source>median completion %1</source>
        <translation>完播率中位数 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/content/best_time.py" line="44"/>
        <source>median %1 orders</source>
        <translation>订单数中位数 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/content/best_time.py" line="47"/>
        <source>median %1 views</source>
        <translation>播放量中位数 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/content/best_time.py" line="71"/>
        <source>Best time on %1: %2 — buyers paid %3 orders at that hour</source>
        <translation>%1最佳发布时间：%2 — 买家在这个时段付款 %3 单</translation>
    </message>
    <message>
        <location filename="../../app/views/content/best_time.py" line="76"/>
        <source>Best time on %1: %2 — %3 over %4 videos</source>
        <translation>%1最佳发布时间：%2 — %3，依据 %4 条视频</translation>
    </message>
    <message>
        <location filename="../../app/views/content/best_time.py" line="81"/>
        <source>; buyers pay most at %1 (%2 orders)</source>
        <translation>；买家在 %1 付款最多（%2 单）</translation>
    </message>
</context>
<context>
    <name>BoardColumn</name>
    <message>
        <location filename="../../app/views/content/board_view.py" line="70"/>
        <source>%1 overdue</source>
        <translation>%1 条已逾期</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <location filename="../../app/views/content/board_view.py" line="93"/>
        <source>Drag a card to the next stage as the video moves along. Red: the planned time has passed and the video is not published yet.</source>
        <translation>视频推进到哪一步，就把卡片拖到哪一列。红框：计划发布时间已过，但还没发布。</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="70"/>
        <source>Green hours: the best times to post, from your own videos&apos; history</source>
        <translation>绿色时段：根据你自己历史视频算出的最佳发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="155"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="159"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="162"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="164"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="165"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="173"/>
        <source>Print week…</source>
        <translation>打印本周…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="174"/>
        <source>Print the week in view as a one-page sheet</source>
        <translation>把当前这一周的计划打印成一页排期表</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="221"/>
        <source>Not scheduled yet</source>
        <translation>还没排期</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="223"/>
        <source>Drag onto a day to schedule</source>
        <translation>拖到日历上的某一天即可排期</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="237"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="238"/>
        <source>MMM d, yyyy</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="240"/>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../../app/views/content/calendar_view.py" line="243"/>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="75"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="97"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="382"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="98"/>
        <source>Goal</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="99"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="118"/>
        <source>Who gets it</source>
        <translation>发给谁</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="119"/>
        <source>Tiers</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="119"/>
        <source>All tiers</source>
        <translation>全部分层</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="122"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="122"/>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="126"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="127"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="131"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="133"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="126"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="127"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="231"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="135"/>
        <source>Anyone</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="136"/>
        <source>In a private channel</source>
        <translation>已进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="137"/>
        <source>Not in a private channel</source>
        <translation>未进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="139"/>
        <source>Any of these tags, comma-separated</source>
        <translation>带其中任一标签，用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="141"/>
        <source>Bought any of these products (part of the name)</source>
        <translation>买过其中任一商品（填商品名的一部分）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="153"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="158"/>
        <source>Days since last order</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="159"/>
        <source>Spent at least</source>
        <translation>消费至少</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="160"/>
        <source>Orders at least</source>
        <translation>订单至少</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="161"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="162"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="163"/>
        <source>Products bought</source>
        <translation>买过的商品</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="180"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="383"/>
        <source>Message</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="185"/>
        <source>Insert:</source>
        <translation>插入：</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="195"/>
        <source>Optional; redeemed as the order&apos;s channel code</source>
        <translation>可选；核销时作为订单的渠道码</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="205"/>
        <location filename="../../app/views/retention/campaign_dialog.py" line="384"/>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="207"/>
        <source>Preview:</source>
        <translation>预览：</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="212"/>
        <source>Schedule, cost and holdout</source>
        <translation>时间、成本和对照组</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="216"/>
        <source>Planned for</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="225"/>
        <source>Messages, coupons and gifts: what the campaign costs</source>
        <translation>短信、优惠券和赠品：这次活动的成本</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="228"/>
        <source>A share of the segment that gets nothing, to measure what the campaign adds</source>
        <translation>留出一部分客户不发，用来衡量活动带来的增量</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="233"/>
        <source>An order paid this long after the send counts as a response</source>
        <translation>发送后这么多天内付款的订单算作响应</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="241"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="242"/>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="243"/>
        <source>Holdout group</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="244"/>
        <source>Response window</source>
        <translation>响应窗口</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="338"/>
        <source>%1 customers match · %2 get the message, %3 held out</source>
        <translation>%1 位客户符合 · %2 位会收到消息，%3 位留作对照</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="349"/>
        <source>Write the message; placeholders fill in per customer.</source>
        <translation>写好消息内容；占位符会按每位客户自动填入。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="361"/>
        <source>No customer matches the rules yet.</source>
        <translation>目前没有客户符合这些条件。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaign_dialog.py" line="398"/>
        <source>This is their version now: make your change again, then save.</source>
        <translation>现在显示的是对方保存的版本：请重新改一遍再保存。</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="61"/>
        <source>New campaign…</source>
        <translation>新建活动…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="62"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="63"/>
        <source>Copy…</source>
        <translation>复制…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="65"/>
        <source>A new draft with the same rules and message (e.g. next week&apos;s send)</source>
        <translation>按同样的人群和文案新建一个草稿（比如下周再发一次）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="67"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="68"/>
        <source>Draw groups</source>
        <translation>抽取分组</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="70"/>
        <source>Pick the customers now and hold out the control group (same seed, same draw)</source>
        <translation>现在选出客户并留出对照组（同一种子，抽取结果不变）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="72"/>
        <source>Export send list…</source>
        <translation>导出发送名单…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="73"/>
        <source>Mark as sent…</source>
        <translation>标记为已发送…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="111"/>
        <source>Sent / planned</source>
        <translation>发送 / 计划时间</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="112"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="113"/>
        <source>Goal</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="114"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="115"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="116"/>
        <source>Next send</source>
        <translation>下次发送</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="117"/>
        <source>Treatment</source>
        <translation>触达组</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="118"/>
        <source>Holdout</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="119"/>
        <source>Response</source>
        <translation>响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="120"/>
        <location filename="../../app/views/retention/campaigns_view.py" line="136"/>
        <source>Holdout response</source>
        <translation>对照组响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="123"/>
        <source>Uplift</source>
        <translation>提升</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="125"/>
        <source>Treatment response rate minus holdout response rate</source>
        <translation>触达组响应率减去对照组响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="127"/>
        <location filename="../../app/views/retention/campaigns_view.py" line="140"/>
        <source>Extra revenue</source>
        <translation>增量成交</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="128"/>
        <location filename="../../app/views/retention/campaigns_view.py" line="142"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="132"/>
        <source>Result</source>
        <translation>活动效果</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="135"/>
        <source>Treatment response</source>
        <translation>触达组响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="137"/>
        <source>Uplift (95 % CI)</source>
        <translation>提升（95% 置信区间）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="138"/>
        <source>p-value</source>
        <translation>p 值</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="139"/>
        <source>Extra orders</source>
        <translation>增量订单</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="141"/>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="181"/>
        <source>Uplifts appear here once a campaign is sent.</source>
        <translation>活动发出后，这里会显示每次的提升。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="192"/>
        <source>Uplift per campaign (95 % interval)</source>
        <translation>每次活动的提升（95% 区间）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="257"/>
        <source>Draft: draw the groups, export the send list, then mark it as sent.</source>
        <translation>草稿：先抽取分组、导出发送名单，发完后标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="259"/>
        <source>Groups drawn: export the send list, send it with your tool, then mark it as sent.</source>
        <translation>已分组：导出发送名单，用你的工具发出去，然后标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="291"/>
        <source>No holdout group: the uplift cannot be measured.</source>
        <translation>没有对照组：无法衡量提升。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="294"/>
        <source>The campaign made more customers buy than the holdout group (95 % sure).</source>
        <translation>活动让更多客户下单，比对照组高（95% 把握）。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="297"/>
        <source>Not yet certain: the 95 % interval includes no effect. Bigger segments or a larger holdout make the answer clearer.</source>
        <translation>还不能确定：95% 区间包含“没有效果”。客群更大或对照组更大，结论会更清楚。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="328"/>
        <source>Campaign saved</source>
        <translation>活动已保存</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="359"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="367"/>
        <source>Delete the campaign “%1” and its target groups?</source>
        <translation>删除活动“%1”及其分组？</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="370"/>
        <source>Delete campaign</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="402"/>
        <source>%1 customers get the message, %2 are held out</source>
        <translation>%1 位客户会收到消息，%2 位留作对照</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="433"/>
        <source>Send list of %1 customers saved to %2</source>
        <translation>%1 位客户的发送名单已保存到 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="441"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="442"/>
        <source>Name</source>
        <translation>客户昵称</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="443"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="444"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="445"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="446"/>
        <source>Last product</source>
        <translation>最近购买商品</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="447"/>
        <source>Message</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="453"/>
        <source>Export send list</source>
        <translation>导出发送名单</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="455"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="477"/>
        <source>Marked as sent to %1 customers</source>
        <translation>已标记为发送给 %1 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="483"/>
        <source>Mark as sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/campaigns_view.py" line="493"/>
        <source>Sent at</source>
        <translation>发送时间</translation>
    </message>
</context>
<context>
    <name>CandidateModel</name>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="82"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="82"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="82"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="82"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
</context>
<context>
    <name>ChangeHistoryDialog</name>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="238"/>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="252"/>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="253"/>
        <source>Content plan</source>
        <translation>内容规划</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="254"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="255"/>
        <source>Tier rules</source>
        <translation>分层规则</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="256"/>
        <source>Campaigns</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="260"/>
        <source>Everyone</source>
        <translation>所有人</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="268"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="270"/>
        <source>by</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="288"/>
        <source>%1 changes</source>
        <translation>共 %1 条修改</translation>
    </message>
</context>
<context>
    <name>ChangeHistoryModel</name>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="48"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="49"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="50"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="51"/>
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="52"/>
        <source>Changes</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="99"/>
        <source>(no name)</source>
        <translation>（未署名）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="107"/>
        <source>Plan item</source>
        <translation>选题</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="108"/>
        <source>Content pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="109"/>
        <location filename="../../app/views/dialogs/history_dialog.py" line="156"/>
        <source>Audience</source>
        <translation>目标人群</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="110"/>
        <location filename="../../app/views/dialogs/history_dialog.py" line="157"/>
        <source>Structure</source>
        <translation>脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="111"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="112"/>
        <source>Tier rule</source>
        <translation>分层规则</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="113"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="119"/>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="120"/>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="121"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="122"/>
        <source>Rescheduled</source>
        <translation>改期</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="123"/>
        <source>Moved to another stage</source>
        <translation>调整制作阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="124"/>
        <source>Linked a video</source>
        <translation>关联视频</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="125"/>
        <source>Unlinked a video</source>
        <translation>取消关联视频</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="126"/>
        <source>Merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="127"/>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="128"/>
        <source>Undid a merge or split</source>
        <translation>撤销合并/拆分</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="129"/>
        <source>Marked a private channel</source>
        <translation>标记私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="130"/>
        <source>Marked private from a list</source>
        <translation>按名单标记私域</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="131"/>
        <source>Reordered</source>
        <translation>调整顺序</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="132"/>
        <source>Marked as sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="133"/>
        <source>Erased the personal data</source>
        <translation>删除了个人信息</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="153"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="154"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="155"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="158"/>
        <source>Hook</source>
        <translation>开头钩子</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="159"/>
        <source>Script outline</source>
        <translation>脚本大纲</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="160"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="161"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="162"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="163"/>
        <source>Publish time</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="164"/>
        <source>A/B group</source>
        <translation>A/B 分组</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="165"/>
        <source>Target length</source>
        <translation>目标时长</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="166"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="167"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="168"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="169"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="170"/>
        <source>Differentiation</source>
        <translation>差异化</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="171"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="172"/>
        <source>Suggested length</source>
        <translation>建议时长</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="173"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="174"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="175"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="176"/>
        <source>Private since</source>
        <translation>进入私域日期</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="177"/>
        <source>Merged customer</source>
        <translation>被合并的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="178"/>
        <source>Merge undone</source>
        <translation>撤销的合并</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="179"/>
        <source>Split undone</source>
        <translation>撤销的拆分</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="180"/>
        <source>Identities</source>
        <translation>平台身份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="181"/>
        <source>Customers split off</source>
        <translation>拆出的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="182"/>
        <source>New customer</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="183"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="184"/>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="185"/>
        <source>Min. orders</source>
        <translation>最少订单数</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="186"/>
        <source>Min. spend (cents)</source>
        <translation>最低消费（分）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="187"/>
        <source>Top share</source>
        <translation>消费排名前</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="188"/>
        <source>First order within (days)</source>
        <translation>首单在（天）内</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="189"/>
        <source>Silent for (days)</source>
        <translation>沉默（天）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="190"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="191"/>
        <source>Any condition</source>
        <translation>满足任一条件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="192"/>
        <source>Warn after (days)</source>
        <translation>预警（天）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="193"/>
        <source>Discount %</source>
        <translation>折扣 %</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="194"/>
        <source>Priority shipping</source>
        <translation>优先发货</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="195"/>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="196"/>
        <source>Benefit</source>
        <translation>权益说明</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="197"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="198"/>
        <source>Goal</source>
        <translation>目的</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="199"/>
        <source>Segment</source>
        <translation>人群规则</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="200"/>
        <source>Message</source>
        <translation>消息内容</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="201"/>
        <source>Scheduled</source>
        <translation>计划发送</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="202"/>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="203"/>
        <source>Repeats</source>
        <translation>重复</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="204"/>
        <source>Coupon code</source>
        <translation>券码</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="205"/>
        <source>Cost (cents)</source>
        <translation>成本（分）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="206"/>
        <source>Holdout share</source>
        <translation>对照组比例</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="207"/>
        <source>Holdout draw</source>
        <translation>对照组抽样</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/history_dialog.py" line="208"/>
        <source>Response window (days)</source>
        <translation>回应窗口（天）</translation>
    </message>
</context>
<context>
    <name>ChannelCodeEditor</name>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="327"/>
        <source>Channel code</source>
        <translation>渠道码</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="330"/>
        <source>e.g. STORE-QR</source>
        <translation>例如 STORE-QR</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="332"/>
        <source>e.g. 门店扫码券</source>
        <translation>例如 门店扫码券</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="339"/>
        <source>Also every code that starts with it</source>
        <translation>以它开头的码也算</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="347"/>
        <source>Code</source>
        <translation>码</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="348"/>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="349"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="369"/>
        <source>Indirect (private domain, offline)</source>
        <translation>间接（私域、线下）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="372"/>
        <source>Direct (video, live)</source>
        <translation>直接（视频、直播）</translation>
    </message>
</context>
<context>
    <name>ChannelCodesDialog</name>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="220"/>
        <source>Channel and coupon codes</source>
        <translation>渠道码和优惠券码</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="227"/>
        <source>Code</source>
        <translation>码</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="228"/>
        <source>Label</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="229"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="230"/>
        <source>Match</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="237"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="239"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="241"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="245"/>
        <source>Orders whose channel or coupon code equals a code (or starts with it) are counted for its label, e.g. STORE-QR → 门店扫码券 (indirect).</source>
        <translation>订单的渠道码或优惠券码等于某个码（或以它开头）时，就算到它的名称下，例如 STORE-QR → 门店扫码券（间接）。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="275"/>
        <source>starts with</source>
        <translation>开头匹配</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/attribution_view.py" line="275"/>
        <source>exactly</source>
        <translation>完全一致</translation>
    </message>
</context>
<context>
    <name>ChurnView</name>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="49"/>
        <source>Search name, tier or product</source>
        <translation>搜索姓名、分层或商品</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="52"/>
        <source>Warning windows…</source>
        <translation>预警天数…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="54"/>
        <source>Win them back…</source>
        <translation>召回他们…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="56"/>
        <source>Build a win-back campaign for the customers silent past the default window</source>
        <translation>为超过默认预警天数没动静的客户建一个召回活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="70"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="71"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="71"/>
        <source>Tier before slipping</source>
        <translation>流失前分层</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="72"/>
        <source>Days silent</source>
        <translation>沉默天数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="73"/>
        <source>Window</source>
        <translation>预警天数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="74"/>
        <source>Last order or touch</source>
        <translation>最近下单或触达</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="75"/>
        <source>Last product</source>
        <translation>最近购买商品</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="76"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="77"/>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="78"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="79"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="80"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="97"/>
        <source>%1 customers are slipping, %2 of them valuable (VIP, high value or top 20 %).</source>
        <translation>%1 位客户正在流失，其中 %2 位是高价值客户（VIP、高价值或消费前 20%）。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="101"/>
        <source>Warning after %1 days without an order or a touch.</source>
        <translation>%1 天没下单也没触达就预警。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="105"/>
        <source>Per tier: %1 days.</source>
        <translation>按分层：%1 天。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="107"/>
        <source>Repeat buyers: 1.5 × their usual interval.</source>
        <translation>复购客户：按各自平时复购间隔的 1.5 倍。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="136"/>
        <source>Warning windows saved</source>
        <translation>预警天数已保存</translation>
    </message>
</context>
<context>
    <name>ColumnChooser</name>
    <message>
        <location filename="../../app/views/widgets/column_chooser.py" line="39"/>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/column_chooser.py" line="40"/>
        <source>Choose the columns to show (also: right-click a header)</source>
        <translation>选择要显示的列（也可右键点击表头）</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/column_chooser.py" line="93"/>
        <source>Show all columns</source>
        <translation>显示全部列</translation>
    </message>
</context>
<context>
    <name>ComparisonsView</name>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="67"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="68"/>
        <source>Completion and interaction</source>
        <translation>完播率与互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="69"/>
        <location filename="../../app/views/traffic/comparisons_view.py" line="123"/>
        <source>Followers</source>
        <translation>涨粉</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="80"/>
        <source>Double-click a video to see it in the video table</source>
        <translation>双击视频，在视频列表中查看</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="86"/>
        <source>Group by</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="89"/>
        <source>Bars show</source>
        <translation>柱状图显示</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="102"/>
        <source>Top 10 by views</source>
        <translation>播放量前 10</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="103"/>
        <source>Bottom 10 by views</source>
        <translation>播放量后 10</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="104"/>
        <source>What sets the top 10 apart</source>
        <translation>前 10 名赢在哪里</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="118"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="119"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="121"/>
        <source>Completion</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="122"/>
        <source>Interaction</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="124"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="163"/>
        <source>Not enough videos in this selection to compare the best and the worst.</source>
        <translation>当前筛选的视频太少，无法比较表现最好和最差的视频。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/comparisons_view.py" line="169"/>
        <source>No videos in this selection.</source>
        <translation>当前筛选下没有视频。</translation>
    </message>
</context>
<context>
    <name>ConflictBox</name>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="31"/>
        <source>someone else</source>
        <translation>其他人</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="39"/>
        <source>Deleted by %1 at %2 while you were editing. Your changes were not saved.</source>
        <translation>在你编辑期间，已被 %1 于 %2 删除。你的修改没有保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="44"/>
        <source>Deleted by %1 while you were editing. Your changes were not saved.</source>
        <translation>在你编辑期间，已被 %1 删除。你的修改没有保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="50"/>
        <source>Changed by %1 at %2 while you were editing. Your changes were not saved.</source>
        <translation>在你编辑期间，已被 %1 于 %2 修改。你的修改没有保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="55"/>
        <source>Changed by %1 while you were editing. Your changes were not saved.</source>
        <translation>在你编辑期间，已被 %1 修改。你的修改没有保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="68"/>
        <source>Last changed by %1 at %2</source>
        <translation>最近由 %1 于 %2 修改</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="70"/>
        <source>Last changed by %1</source>
        <translation>最近由 %1 修改</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="95"/>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="99"/>
        <source>Nothing was overwritten. Close it and reload the list.</source>
        <translation>没有覆盖任何内容。请关闭并刷新列表。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="102"/>
        <source>Nothing was overwritten. Reload their version, then make your change again.</source>
        <translation>没有覆盖任何内容。请载入对方的版本，再重新修改一次。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="106"/>
        <source>What you had typed:</source>
        <translation>你刚才填写的内容：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="107"/>
        <source>Close and reload</source>
        <translation>关闭并刷新</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="107"/>
        <source>Reload their version</source>
        <translation>载入对方的版本</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/conflict_box.py" line="112"/>
        <source>Keep my edits on screen</source>
        <translation>先保留我的内容</translation>
    </message>
</context>
<context>
    <name>ContentPlanTab</name>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="112"/>
        <source>Ideas</source>
        <translation>创意</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="114"/>
        <source>In production</source>
        <translation>制作中</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="114"/>
        <source>Scripted, shot or edited</source>
        <translation>已写脚本、已拍摄或已剪辑</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="116"/>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="117"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="119"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="119"/>
        <source>Planned time passed, not published yet</source>
        <translation>计划发布时间已过，还没发布</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="121"/>
        <source>Next planned post</source>
        <translation>下一条计划发布</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="125"/>
        <source>New plan item…</source>
        <translation>新建选题…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="239"/>
        <location filename="../../app/views/tabs/content_tab.py" line="249"/>
        <source>Content plan</source>
        <translation>内容规划</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="299"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="300"/>
        <source>Move to stage</source>
        <translation>移到阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="311"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="322"/>
        <source>Delete plan item</source>
        <translation>删除选题</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="323"/>
        <source>Delete “%1”? Videos linked to it stay, unlinked.</source>
        <translation>删除“%1”？已关联的视频会保留，只是取消关联。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="381"/>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="382"/>
        <source>Production board</source>
        <translation>制作看板</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="383"/>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="384"/>
        <source>Positioning</source>
        <translation>定位</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="385"/>
        <source>Learning</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="408"/>
        <source>Plan what to post, for whom, and learn what works</source>
        <translation>想清楚发什么、拍给谁看，再从数据里找到管用的打法</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="413"/>
        <source>Start with your positioning: the content pillars you post about and the audiences you post for. Then plan videos on the calendar, move them along the production board, and after your next import see what each planned video did.</source>
        <translation>先做定位：定好你要长期做的内容方向和目标人群。然后在日历上排期、在制作看板上推进每条视频，下次导入数据后就能看到每条计划视频的实际表现。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="421"/>
        <source>Set up positioning</source>
        <translation>设置定位</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="423"/>
        <source>Plan a first video…</source>
        <translation>规划第一条视频…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="556"/>
        <location filename="../../app/views/tabs/content_tab.py" line="563"/>
        <location filename="../../app/views/tabs/content_tab.py" line="567"/>
        <source>Export the plan</source>
        <translation>导出内容计划</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="556"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="568"/>
        <source>%1 plan items written to %2</source>
        <translation>已把 %1 条选题导出到 %2</translation>
    </message>
</context>
<context>
    <name>ConversionFilterBar</name>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="35"/>
        <source>Orders created, spend and videos published in this period</source>
        <translation>这段时间内的下单、广告消耗和发布的视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="36"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="36"/>
        <location filename="../../app/views/conversion/filter_bar.py" line="37"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="37"/>
        <source>Content group</source>
        <translation>内容分组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="39"/>
        <source>Content pillars: orders and spend matched to these groups&apos; videos only</source>
        <translation>内容方向：只看能对应到这些分组视频的订单和投放</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="41"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="42"/>
        <source>Show every platform and content group</source>
        <translation>显示所有平台和内容分组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/filter_bar.py" line="80"/>
        <source>No pillar</source>
        <translation>未分内容方向</translation>
    </message>
</context>
<context>
    <name>ConversionTab</name>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="63"/>
        <source>No orders yet.

Drop your 抖店 or TikTok Shop order exports on this window to see the path from views to revenue.</source>
        <translation>还没有订单。

把抖店或 TikTok Shop 的订单导出文件拖到本窗口，就能看到从播放到成交的路径。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="71"/>
        <source>Reading orders, videos and ad spend…</source>
        <translation>正在读取订单、视频和广告消耗…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="74"/>
        <source>Reading the store again…</source>
        <translation>正在重新读取数据…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="135"/>
        <source>The store could not be read: %1</source>
        <translation>数据读取失败：%1</translation>
    </message>
</context>
<context>
    <name>ConversionView</name>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="88"/>
        <source>Funnel</source>
        <translation>转化漏斗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="89"/>
        <source>Attribution</source>
        <translation>成交来源</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="90"/>
        <source>A/B tests</source>
        <translation>A/B 测试</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="91"/>
        <source>Ad ROI &amp;&amp; ledger</source>
        <translation>投放回报与账本</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="92"/>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="93"/>
        <source>Time slots</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="107"/>
        <source>Paid orders</source>
        <translation>支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="107"/>
        <source>Orders paid and not cancelled</source>
        <translation>已支付且未取消的子订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="108"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="108"/>
        <source>Paid amount per currency (never added together)</source>
        <translation>按币种分别统计的支付金额（不同币种不相加）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="109"/>
        <source>Net GMV</source>
        <translation>净成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="109"/>
        <source>Paid minus refunds</source>
        <translation>支付金额减去退款</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="110"/>
        <source>Refund rate</source>
        <translation>退款率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="110"/>
        <source>Refunded share of the paid amount</source>
        <translation>支付金额中退款的占比</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="111"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="111"/>
        <source>千川, DOU+ and TikTok Promote spend</source>
        <translation>千川、DOU+ 和 TikTok Promote 的消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="112"/>
        <source>ROAS</source>
        <translation>ROAS</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/conversion_view.py" line="112"/>
        <source>Ad-attributed GMV / ad spend</source>
        <translation>广告带来的成交额 ÷ 广告消耗</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="20"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="21"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="22"/>
        <source>Account days</source>
        <translation>账号日数据</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="23"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="24"/>
        <source>Videos published</source>
        <translation>已发布视频</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="47"/>
        <source>Data coverage</source>
        <translation>数据覆盖</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="49"/>
        <source>Where do I get these files?</source>
        <translation>这些文件从哪里下载？</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="53"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="54"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="55"/>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="56"/>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="57"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="58"/>
        <source>Missing days</source>
        <translation>缺失日期</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="94"/>
        <source>No %1 ad report for %2. Import those days if ads ran then.</source>
        <translation>缺少%1广告报表：%2。如果这些天投放过广告，请导入对应日期的报表。</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="97"/>
        <source>Missing data: %1 %2 for %3. Import those days to complete the picture.</source>
        <translation>缺少数据：%1%2（%3）。导入这些天的数据即可补全。</translation>
    </message>
</context>
<context>
    <name>CrisisView</name>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="44"/>
        <source>Opened</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="45"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="46"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="47"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="48"/>
        <source>Product or video</source>
        <translation>商品或视频</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="49"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="50"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="51"/>
        <source>Hours to reply</source>
        <translation>回复用时（小时）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="52"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="59"/>
        <source>A review or comment with any of these words is negative</source>
        <translation>评价或评论里出现其中任一词就算负面</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="60"/>
        <source>Save keywords</source>
        <translation>保存关键词</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="63"/>
        <source>Note, e.g. the reply video</source>
        <translation>备注，如回应视频</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="64"/>
        <source>Mark replied</source>
        <translation>标记为已回复</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="66"/>
        <source>Mark resolved</source>
        <translation>标记为已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="71"/>
        <source>Negative keywords</source>
        <translation>负面关键词</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="103"/>
        <source>median reply after %1 hours</source>
        <translation>回复用时中位数 %1 小时</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="105"/>
        <source>no replies recorded yet</source>
        <translation>还没有回复记录</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="108"/>
        <source>%1 open of %2 alerts; %3</source>
        <translation>%2 条预警中 %1 条待处理；%3</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="120"/>
        <source>No negative reviews or comments yet.</source>
        <translation>还没有负面评价或评论。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="125"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="130"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="133"/>
        <source>Alerts per week</source>
        <translation>每周预警数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="163"/>
        <source>%1 alerts marked %2</source>
        <translation>%1 条预警已标记为%2</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/crisis_view.py" line="180"/>
        <source>Keywords saved; %1 new alerts</source>
        <translation>关键词已保存；新增 %1 条预警</translation>
    </message>
</context>
<context>
    <name>Currencies</name>
    <message>
        <location filename="../../app/views/formatting.py" line="94"/>
        <source>CNY</source>
        <translation>人民币</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="95"/>
        <source>USD</source>
        <translation>美元</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="96"/>
        <source>GBP</source>
        <translation>英镑</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="97"/>
        <source>EUR</source>
        <translation>欧元</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="98"/>
        <source>BRL</source>
        <translation>巴西雷亚尔</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="99"/>
        <source>MYR</source>
        <translation>马来西亚林吉特</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="100"/>
        <source>SGD</source>
        <translation>新加坡元</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="101"/>
        <source>THB</source>
        <translation>泰铢</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="102"/>
        <source>IDR</source>
        <translation>印尼盾</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="103"/>
        <source>PHP</source>
        <translation>菲律宾比索</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="104"/>
        <source>VND</source>
        <translation>越南盾</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="105"/>
        <source>JPY</source>
        <translation>日元</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="106"/>
        <source>HKD</source>
        <translation>港币</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="232"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPanel</name>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="71"/>
        <source>Comma-separated, e.g. 宝妈, 回头客</source>
        <translation>用逗号分隔，如：宝妈, 回头客</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="74"/>
        <source>What to remember about this customer</source>
        <translation>关于这位客户要记住的事</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="75"/>
        <source>Save tags and note</source>
        <translation>保存标签和备注</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="77"/>
        <location filename="../../app/views/customers/detail_panel.py" line="426"/>
        <source>Erase personal data…</source>
        <translation>删除个人信息…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="80"/>
        <source>When a customer asks to be forgotten: their name, phone, address, note, identities, contacts and review texts are erased, here and in the backups; their orders stay as an anonymous buyer&apos;s, so the figures do not change</source>
        <translation>客户要求删除个人信息时使用：姓名、手机号、地址、备注、身份标识、联系记录和评价内容都会从这里和备份中删除；订单保留为匿名买家的订单，各项数据不变</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="96"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="97"/>
        <source>Tier history</source>
        <translation>分层记录</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="98"/>
        <source>Campaigns</source>
        <translation>收到的活动</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="101"/>
        <source>Split off the selected identities</source>
        <translation>拆出选中的身份</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="103"/>
        <source>They become a customer of their own again (undo under Merges)</source>
        <translation>拆出后单独成为一位客户（可在“合并”里撤销）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="111"/>
        <source>Identities</source>
        <translation>平台身份</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="119"/>
        <location filename="../../app/views/customers/detail_panel.py" line="177"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="120"/>
        <source>RFM segment</source>
        <translation>RFM 客群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="121"/>
        <location filename="../../app/views/customers/detail_panel.py" line="178"/>
        <source>Paid orders</source>
        <translation>支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="122"/>
        <source>Net spend</source>
        <translation>净消费</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="123"/>
        <source>First order</source>
        <translation>首单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="124"/>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="125"/>
        <source>Days since order</source>
        <translation>距上次下单（天）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="126"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="140"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="148"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="164"/>
        <source>Paid</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="165"/>
        <location filename="../../app/views/customers/detail_panel.py" line="193"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="166"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="167"/>
        <source>Qty</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="168"/>
        <source>Net</source>
        <translation>实付（扣退款）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="169"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="170"/>
        <source>Traffic</source>
        <translation>流量来源</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="171"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="176"/>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="179"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="184"/>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="185"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="186"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="187"/>
        <source>Responded</source>
        <translation>响应时间</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="188"/>
        <source>Revenue</source>
        <translation>带来成交</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="194"/>
        <source>Known by</source>
        <translation>识别方式</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="195"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="205"/>
        <source>No customer selected</source>
        <translation>未选中客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="244"/>
        <source>Orders (%1)</source>
        <translation>订单（%1）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="282"/>
        <source>%1 since %2</source>
        <translation>%1（%2 起）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="292"/>
        <source>Not yet</source>
        <translation>尚未加入</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="298"/>
        <source>Control</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="298"/>
        <source>Treatment</source>
        <translation>触达组</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="302"/>
        <source>Buyer ID</source>
        <translation>买家 ID</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="303"/>
        <source>Name + phone</source>
        <translation>姓名 + 手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="304"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="327"/>
        <source>Tags and note</source>
        <translation>标签和备注</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="337"/>
        <source>Saved the tags and note of %1</source>
        <translation>已保存 %1 的标签和备注</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="359"/>
        <location filename="../../app/views/customers/detail_panel.py" line="373"/>
        <source>Split customer</source>
        <translation>拆分客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="362"/>
        <source>Split %1 identities off %2</source>
        <translation>已从 %2 拆出 %1 个身份</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="374"/>
        <source>Select the identities to split off in the table first.</source>
        <translation>请先在表格里选中要拆出的身份。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="401"/>
        <source>Erasing…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="402"/>
        <source>Erasing the personal data of %1…</source>
        <translation>正在删除 %1 的个人信息…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="422"/>
        <location filename="../../app/views/customers/detail_panel.py" line="434"/>
        <source>Erase personal data</source>
        <translation>删除个人信息</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="412"/>
        <source>Erased the personal data of %1; %2 orders kept as an anonymous buyer&apos;s</source>
        <translation>已删除 %1 的个人信息；%2 笔订单保留为匿名买家的订单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/detail_panel.py" line="436"/>
        <source>Erase everything that names or reaches %1: name, phone, address, note, identities, contacts and review texts, in this store and its backups?

Their orders stay, as an anonymous buyer&apos;s, so your figures do not change. This cannot be undone.</source>
        <translation>确定删除 %1 的所有个人信息吗？包括姓名、手机号、地址、备注、身份标识、联系记录和评价内容，本店数据和备份中的都会删除。

订单会保留为匿名买家的订单，各项数据不会变。此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>CustomerLabels</name>
    <message>
        <location filename="../../app/views/customers/labels.py" line="25"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="26"/>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="27"/>
        <source>Group chat</source>
        <translation>社群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="30"/>
        <source>Champions</source>
        <translation>重要价值客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="31"/>
        <source>Loyal</source>
        <translation>忠诚老客</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="32"/>
        <source>New</source>
        <translation>新晋客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="33"/>
        <source>Needs attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="34"/>
        <source>At risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="35"/>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="36"/>
        <source>Potential</source>
        <translation>潜力客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="37"/>
        <source>Hibernating</source>
        <translation>沉睡客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="38"/>
        <source>Others</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="41"/>
        <source>R ≥ 4 and F ≥ 4: bought recently and often</source>
        <translation>R ≥ 4 且 F ≥ 4：最近买过、买得也多</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="42"/>
        <source>R ≥ 3 and F ≥ 3: buys regularly</source>
        <translation>R ≥ 3 且 F ≥ 3：稳定复购</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="43"/>
        <source>R ≥ 4 and one paid order: just arrived</source>
        <translation>R ≥ 4 且只有 1 单：刚来的新客</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="44"/>
        <source>R ≤ 2 and F ≥ 3: used to buy often, quiet for a while</source>
        <translation>R ≤ 2 且 F ≥ 3：以前常买，最近沉默了</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="47"/>
        <source>R = 1: the longest silence</source>
        <translation>R = 1：沉默最久</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="48"/>
        <source>Everyone else: average recency and frequency</source>
        <translation>其余客户：最近购买和频次都一般</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="53"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="54"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="55"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="56"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="57"/>
        <source>RFM segment</source>
        <translation>RFM 客群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="58"/>
        <source>Paid orders</source>
        <translation>支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="59"/>
        <source>Net spend</source>
        <translation>净消费</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="60"/>
        <source>First order</source>
        <translation>首单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="61"/>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="62"/>
        <source>Days since order</source>
        <translation>未下单天数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="63"/>
        <source>Median gap (days)</source>
        <translation>复购间隔中位数（天）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="64"/>
        <source>Last product</source>
        <translation>最近购买商品</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="65"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="66"/>
        <source>In channel since</source>
        <translation>加入私域时间</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="67"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="68"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="69"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="72"/>
        <source>First order from</source>
        <translation>首单流量来源</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="76"/>
        <source>Last contact</source>
        <translation>最近触达</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="79"/>
        <source>Days from the last paid order to today</source>
        <translation>从最近一笔支付订单到今天的天数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="80"/>
        <source>Typical days between two paid orders of this customer</source>
        <translation>这位客户两次下单之间通常隔几天</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="83"/>
        <source>Paid minus refunded, in the customer&apos;s main currency</source>
        <translation>支付金额减去退款，按客户的主要币种计</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/labels.py" line="136"/>
        <source>%1 paid orders · net %2 · silent for %3 days</source>
        <translation>已付款 %1 单 · 实付 %2 · 已 %3 天未下单</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="46"/>
        <source>No customers yet.

Buyers appear here once orders are imported, one ledger across every platform.</source>
        <translation>还没有客户。

导入订单后，各平台的买家会汇总在这一本客户账里。</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="60"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="61"/>
        <source>Buyers</source>
        <translation>购买客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="61"/>
        <source>Customers with a paid order</source>
        <translation>有过支付订单的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="62"/>
        <source>Repeat buyers</source>
        <translation>复购客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="62"/>
        <source>2 or more paid orders</source>
        <translation>支付订单 2 笔及以上</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="64"/>
        <source>In private channels</source>
        <translation>已进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="64"/>
        <source>Added on WeChat, WeCom or to a group</source>
        <translation>已加微信、企业微信或进了社群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="66"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="77"/>
        <source>Ledger</source>
        <translation>客户台账</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="78"/>
        <source>Merges</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="79"/>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="80"/>
        <source>Tiers</source>
        <translation>分层规则</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="81"/>
        <source>Private domain</source>
        <translation>私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/customers_view.py" line="82"/>
        <source>LTV &amp;&amp; cohorts</source>
        <translation>LTV 与同期群</translation>
    </message>
</context>
<context>
    <name>DamagedStore</name>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="27"/>
        <source>The shop&apos;s data file is damaged</source>
        <translation>店铺数据文件已损坏</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="29"/>
        <source>ShopReel found damage in %1 and wrote nothing to it. A copy of the damaged file is kept at %2.</source>
        <translation>短视频经营台发现 %1 已损坏，没有再往里写入任何内容。损坏文件的副本已保存在 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="39"/>
        <source>The newest backup that checks out was made %1. Restore it? The shop will show its data as it was then; anything imported after that needs importing again.</source>
        <translation>最近一份通过检查的备份是 %1 做的。要恢复它吗？店铺数据会回到那时的样子；之后导入的文件需要重新导入。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="45"/>
        <source>Restore this backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="50"/>
        <source>No backup that checks out was found. Keep the copy safe; `shopreel check` shows what is damaged.</source>
        <translation>没有找到通过检查的备份。请妥善保存这份副本；运行 `shopreel check` 可以查看损坏情况。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="81"/>
        <source>The backup was not restored</source>
        <translation>备份没有恢复</translation>
    </message>
</context>
<context>
    <name>DeltaKpiCard</name>
    <message>
        <location filename="../../app/views/widgets/delta_kpi_card.py" line="48"/>
        <source>partial</source>
        <translation>部分</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/delta_kpi_card.py" line="98"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/delta_kpi_card.py" line="101"/>
        <location filename="../../app/views/widgets/delta_kpi_card.py" line="112"/>
        <source>Not exported by %1</source>
        <translation>%1 不导出此数据</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/delta_kpi_card.py" line="104"/>
        <source>Previous period: %1</source>
        <translation>上一周期：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/delta_kpi_card.py" line="107"/>
        <source>Partial: %1 do not export this figure; the total leaves them out</source>
        <translation>部分数据：%1 不导出此数据，合计中不含这些平台</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="63"/>
        <source>Paid orders the shop&apos;s order export attributes to this video</source>
        <translation>店铺订单导出中归因到这条视频的已付款订单</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="81"/>
        <source>Select a video to see its history.</source>
        <translation>选中一条视频，查看它的数据变化。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="103"/>
        <source>Attributed sales</source>
        <translation>带货成交</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="66"/>
        <location filename="../../app/views/traffic/detail_panel.py" line="167"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="67"/>
        <location filename="../../app/views/traffic/detail_panel.py" line="168"/>
        <source>Template</source>
        <translation>脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="112"/>
        <source>History of</source>
        <translation>数据变化：</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="129"/>
        <source>(no pillar)</source>
        <translation>（无内容方向）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="130"/>
        <source>(no template)</source>
        <translation>（无脚本模板）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="153"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="165"/>
        <source>Sets the label of every selected video (%1)</source>
        <translation>给所有选中的视频（%1 条）设置此标签</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="171"/>
        <source>%1 (%2 videos)</source>
        <translation>%1（%2 条）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="189"/>
        <source>%1 orders</source>
        <translation>%1 单</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="207"/>
        <source>No history of this figure: the platform does not export it.</source>
        <translation>没有这项数据的记录：该平台不导出它。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="209"/>
        <source>No snapshots of this video yet.</source>
        <translation>这条视频还没有导入过数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/detail_panel.py" line="218"/>
        <source>One export so far: %1 as of %2.
Import a newer export to see a trend.</source>
        <translation>目前只有一次导出：截至 %2，%1。
导入更新的数据后即可看到变化趋势。</translation>
    </message>
</context>
<context>
    <name>DistributionView</name>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="40"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="41"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="42"/>
        <source>Stands out</source>
        <translation>异常之处</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="46"/>
        <source>Usual views</source>
        <translation>常规播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="49"/>
        <source>What the trend line gives for this completion rate on this platform</source>
        <translation>按趋势线，该平台这个完播率通常能拿到的播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="52"/>
        <source>Completion</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="53"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="54"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="61"/>
        <source>Double-click a video to see it in the video table</source>
        <translation>双击视频，在视频列表中查看</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="97"/>
        <source>more views than usual</source>
        <translation>播放量远高于常规</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="98"/>
        <source>fewer views than usual</source>
        <translation>播放量远低于常规</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="106"/>
        <source>Outliers: %1 videos far above or below the usual views for their completion</source>
        <translation>异常视频：%1 条视频的播放量远高于或远低于同等完播率的常规水平</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="110"/>
        <source>No completion rates for this selection.</source>
        <translation>当前筛选的视频没有完播率数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="117"/>
        <source>Videos</source>
        <translation>视频数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="126"/>
        <source>A random %1 of %2 videos shown; every outlier is ringed.</source>
        <translation>随机显示 %2 条视频中的 %1 条；异常视频全部圈出。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/distribution_view.py" line="138"/>
        <source>Outlier</source>
        <translation>异常视频</translation>
    </message>
</context>
<context>
    <name>EntityEditor</name>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="99"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="101"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="103"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="192"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>ExperimentDialog</name>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="292"/>
        <source>Edit A/B test</source>
        <translation>编辑 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="292"/>
        <source>New A/B test</source>
        <translation>新建 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="299"/>
        <source>e.g. 口播 vs 剧情植入</source>
        <translation>例如 口播种草对比剧情植入</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="302"/>
        <source>What you expect and why, e.g. a story placement keeps viewers longer</source>
        <translation>你预期会怎样、为什么，比如剧情植入能让观众看得更久</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="317"/>
        <source>The rate you expect for variant A (from past videos)</source>
        <translation>你预计 A 组能达到的比率（参考以往视频）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="320"/>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="327"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="322"/>
        <source>The smallest difference worth detecting, in percentage points</source>
        <translation>值得发现的最小差异（百分点）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="328"/>
        <source> views per variant</source>
        <translation> 次播放/每组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="329"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="331"/>
        <source>Views each variant needs to detect the minimum effect at this power</source>
        <translation>在这个检验力下，要发现最小差异每组需要的播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="338"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="339"/>
        <source>Hypothesis</source>
        <translation>假设</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="340"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="343"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="344"/>
        <source>Power</source>
        <translation>检验力</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="345"/>
        <source>Rate of A</source>
        <translation>A 组比率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="346"/>
        <source>Minimum effect</source>
        <translation>最小差异</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="351"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="352"/>
        <source>Planned sample size</source>
        <translation>计划样本量</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="354"/>
        <source>Add variant</source>
        <translation>添加一组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="356"/>
        <source>Remove last variant</source>
        <translation>删除最后一组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="359"/>
        <source>Variants (each a set of videos or plan items)</source>
        <translation>分组（每组是一批视频或选题）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="388"/>
        <source>Variant %1</source>
        <translation>%1 组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="456"/>
        <source>Enter the rate you expect for A and a minimum effect first.</source>
        <translation>请先填写 A 组的预计比率和最小差异。</translation>
    </message>
</context>
<context>
    <name>ExperimentMetrics</name>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="57"/>
        <source>Completion rate</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="58"/>
        <source>Interaction rate</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="59"/>
        <source>Product click rate</source>
        <translation>商品点击率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="60"/>
        <source>Follower conversion</source>
        <translation>涨粉率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="61"/>
        <source>Orders per view</source>
        <translation>单次播放成交</translation>
    </message>
</context>
<context>
    <name>ExperimentsView</name>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="58"/>
        <source>Experiment</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="59"/>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="60"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="61"/>
        <source>Variants</source>
        <translation>分组数</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="62"/>
        <source>Planned views / variant</source>
        <translation>计划播放量/每组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="70"/>
        <source>New test…</source>
        <translation>新建测试…</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="72"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="74"/>
        <source>Mark finished</source>
        <translation>标记为已结束</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="76"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="130"/>
        <source>Variant</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="131"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="132"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="133"/>
        <source>n (views)</source>
        <translation>样本量（播放）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="134"/>
        <source>Successes</source>
        <translation>达成数</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="135"/>
        <location filename="../../app/views/conversion/experiments_view.py" line="383"/>
        <source>Rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="136"/>
        <source>vs A</source>
        <translation>与 A 相比</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="136"/>
        <source>Rate minus A&apos;s rate</source>
        <translation>本组比率减去 A 组比率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="139"/>
        <source>95% interval</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="140"/>
        <source>Where the true difference lies, at the test&apos;s confidence</source>
        <translation>按测试的置信度，真实差异所在的范围</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="144"/>
        <source>p-value</source>
        <translation>p 值</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="146"/>
        <source>Two-proportion z-test: the chance of a difference this large if the variants were really alike</source>
        <translation>双比例 z 检验：如果两组其实没有差别，出现这么大差异的概率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="152"/>
        <source>Views still needed</source>
        <translation>还需播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="154"/>
        <source>More views this variant needs to reach the planned size</source>
        <translation>这一组还差多少播放才达到计划样本量</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="193"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="194"/>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="195"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="238"/>
        <source>No A/B test yet: create one with “New test…”.</source>
        <translation>还没有 A/B 测试：点“新建测试…”创建一个。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="246"/>
        <source>Pick or create an experiment</source>
        <translation>选择或新建一个测试</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="251"/>
        <source>Hypothesis: %1</source>
        <translation>假设：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="266"/>
        <source>%1 interval</source>
        <translation>%1 置信区间</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="295"/>
        <source>%1 pp</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="300"/>
        <source>%1 to %2 pp</source>
        <translation>%1 至 %2 个百分点</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="314"/>
        <source>No variant differs from A at %1 confidence: the differences may be chance.</source>
        <translation>在 %1 置信度下，没有哪组和 A 有显著差异：这些差别可能只是偶然。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="320"/>
        <source>%1 is higher than A</source>
        <translation>%1 高于 A</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="322"/>
        <source>%1 is lower than A</source>
        <translation>%1 低于 A</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="325"/>
        <source>So far: </source>
        <translation>目前来看：</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="326"/>
        <source> (significant at %1)</source>
        <translation>（在 %1 置信度下显著）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="333"/>
        <source>No planned sample size: set one (or a minimum effect) before reading the result.</source>
        <translation>没有计划样本量：先设置样本量（或最小差异），再看结果。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="337"/>
        <source>Planned: %1 views per variant.</source>
        <translation>计划：每组 %1 次播放。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="339"/>
        <source>%1 views per variant detect a difference of %2 at %3 power.</source>
        <translation>每组 %1 次播放，可以在 %3 检验力下发现 %2 的差异。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="344"/>
        <source>About %1 views per variant would confirm the difference seen so far at %3 power (no plan was set).</source>
        <translation>要在 %3 检验力下确认目前看到的差异，每组大约需要 %1 次播放（未设置计划）。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="354"/>
        <source>⚠ Do not call a winner yet: not every variant has reached the planned size (views still needed: %1). Checking again and again and stopping at the first “significant” result finds false winners far more often than the confidence says.</source>
        <translation>⚠ 先别急着定输赢：还有分组没达到计划样本量（还需播放：%1）。反复查看、一出现“显著”就停，选错赢家的概率会比置信度说的高得多。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="363"/>
        <source>No statistics: no imported export gives product clicks for these videos.</source>
        <translation>无法计算：导入的数据里没有这些视频的商品点击。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="366"/>
        <source>No statistics: no imported order export names these videos, so orders per view are unknown.</source>
        <translation>无法计算：导入的订单导出表没有写明这些视频，单次播放成交未知。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="369"/>
        <source>No statistics: a variant has no video with known views yet.</source>
        <translation>无法计算：有一组还没有已知播放量的视频。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="370"/>
        <source>No statistics: an experiment needs two variants.</source>
        <translation>无法计算：测试至少需要两组。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="372"/>
        <source>No statistics: a variant has more successes than views (check the export).</source>
        <translation>无法计算：有一组的达成数超过了播放量（请检查导出表）。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="383"/>
        <source>Rate per variant, 95% interval</source>
        <translation>各组比率（95% 置信区间）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="417"/>
        <source>A/B test saved</source>
        <translation>A/B 测试已保存</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="443"/>
        <source>Delete A/B test</source>
        <translation>删除 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiments_view.py" line="444"/>
        <source>Delete “%1” and its variants?</source>
        <translation>删除“%1”及其所有分组？</translation>
    </message>
</context>
<context>
    <name>ExportGuideDialog</name>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="15"/>
        <source>Where do I get these files?</source>
        <translation>这些文件从哪里下载？</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="28"/>
        <source>Keep the file name the platform gives it.</source>
        <translation>请保留平台给出的文件名。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="31"/>
        <source>Douyin Shop (抖店)</source>
        <translation>抖店</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="34"/>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="139"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="37"/>
        <source>Choose “以商品维度” (one row per sub-order) and CSV. Export a whole month, or overlapping periods: overlaps are merged.</source>
        <translation>选择“以商品维度”（每个子订单一行）和 CSV 格式。导出整月，或相互重叠的时间段：重叠部分会自动合并。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="42"/>
        <source>Product reviews</source>
        <translation>商品评价</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="44"/>
        <source>Export all reviews of the period.</source>
        <translation>导出该时间段内的全部评价。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="47"/>
        <source>After-sales (refunds)</source>
        <translation>售后单（退款）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="49"/>
        <source>Brings refunds, partial ones included, onto the order lines.</source>
        <translation>把退款（包括部分退款）记到对应的订单行上。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="54"/>
        <source>Douyin creator centre (抖音创作者中心)</source>
        <translation>抖音创作者中心</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="57"/>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="90"/>
        <source>Video list</source>
        <translation>作品列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="60"/>
        <source>Each export is a snapshot; import a new one every week or month.</source>
        <translation>每次导出都是一份快照；请每周或每月导入一份新的。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="63"/>
        <source>Account overview, one metric per file</source>
        <translation>账号总览（每个文件一个指标）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="65"/>
        <source>A file with 日期 and one metric (播放量, 作品点赞, 净增粉丝 …).</source>
        <translation>文件只有“日期”和一个指标（播放量、作品点赞、净增粉丝……）。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="70"/>
        <source>Qianchuan ads (巨量千川)</source>
        <translation>巨量千川</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="73"/>
        <source>Material report, one day per file</source>
        <translation>素材报表，每天一个文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="75"/>
        <source>Download one file per day. </source>
        <translation>每天下载一个文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="77"/>
        <source> The day is only in the name.</source>
        <translation>日期只写在文件名里。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="80"/>
        <source>Product and account reports</source>
        <translation>推商品 / 推抖音号报表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="82"/>
        <source>Per product or per account; they split the same spend.</source>
        <translation>按商品或按抖音号拆分，与素材报表是同一笔消耗。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="87"/>
        <source>Kuaishou (快手)</source>
        <translation>快手</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="97"/>
        <source>WeChat Channels (视频号)</source>
        <translation>视频号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="100"/>
        <source>Post details</source>
        <translation>动态数据明细</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="102"/>
        <source>The file is called …动态数据明细.csv.</source>
        <translation>文件名为“…动态数据明细.csv”。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="107"/>
        <source>Xiaohongshu (小红书)</source>
        <translation>小红书</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="110"/>
        <source>Note list</source>
        <translation>笔记列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="112"/>
        <source>The file is called 笔记列表明细表.xlsx (top 1000 notes).</source>
        <translation>文件名为“笔记列表明细表.xlsx”（最多 1000 篇笔记）。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="115"/>
        <source>30-day account data</source>
        <translation>近30日账号数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="117"/>
        <source>近30日观看/互动/涨粉数据.xlsx: every trend sheet is read.</source>
        <translation>近30日观看/互动/涨粉数据.xlsx：每个趋势工作表都会读取。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="122"/>
        <source>TikTok Studio</source>
        <translation>TikTok Studio</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="125"/>
        <source>Overview, Content and Follower history</source>
        <translation>概览、内容和粉丝历史数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="126"/>
        <source>TikTok Studio → Analytics → Download data</source>
        <translation>TikTok Studio → 数据分析 → 下载数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="128"/>
        <source>Pick the date range, download Overview and Content. Dates in these files have no year: ShopReel works it out and shows it before importing.</source>
        <translation>选好日期范围，下载“概览”和“内容”两份数据。这些文件里的日期不带年份：短视频经营台会自动推算年份，导入前先给你确认。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="136"/>
        <source>TikTok Shop</source>
        <translation>TikTok Shop</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="140"/>
        <source>Seller Center → Orders → Manage orders → Export → CSV</source>
        <translation>卖家中心 → 订单 → 管理订单 → 导出 → CSV</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="142"/>
        <source>One row per order and SKU (OrderSKUList). Do not re-save it in Excel.</source>
        <translation>每个订单的每个 SKU 一行（OrderSKUList）。不要用 Excel 另存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="148"/>
        <source>Youzan (有赞)</source>
        <translation>有赞</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="151"/>
        <source>Customer list</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="153"/>
        <source>Brings your private-domain customers in.</source>
        <translation>把你的私域客户导进来。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="162"/>
        <source>Import files as you downloaded them. Opening a file in Excel and saving it can turn long order numbers into 6.9E+18 and lose their digits; ShopReel refuses such files and says so.</source>
        <translation>请直接导入下载的原始文件。用 Excel 打开再保存，可能会把很长的订单号变成 6.9E+18 这样的形式并丢失位数；短视频经营台会拒绝这类文件并说明原因。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="33"/>
        <source>Videos published in this period</source>
        <translation>统计在此期间发布的视频</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="34"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="34"/>
        <location filename="../../app/views/traffic/filter_bar.py" line="35"/>
        <location filename="../../app/views/traffic/filter_bar.py" line="36"/>
        <location filename="../../app/views/traffic/filter_bar.py" line="37"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="35"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="36"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="37"/>
        <source>Template</source>
        <translation>脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="38"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="39"/>
        <source>Show every platform, account, pillar and template</source>
        <translation>显示所有平台、账号、内容方向和脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="78"/>
        <source>No pillar</source>
        <translation>无内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/filter_bar.py" line="81"/>
        <source>No template</source>
        <translation>无脚本模板</translation>
    </message>
</context>
<context>
    <name>FrameTable</name>
    <message>
        <location filename="../../app/views/content/frame_model.py" line="63"/>
        <source>%1×</source>
        <translation>%1倍</translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="55"/>
        <source>No comparison</source>
        <translation>不对比</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="56"/>
        <source>Previous period</source>
        <translation>上一周期</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="57"/>
        <source>Another period</source>
        <translation>其他时段</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="58"/>
        <source>Another content group</source>
        <translation>其他内容分组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="64"/>
        <source>Group B</source>
        <translation>B 组</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="64"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="74"/>
        <source>Compare with:</source>
        <translation>对比：</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="98"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="99"/>
        <source>Product clicks</source>
        <translation>商品点击</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="100"/>
        <source>Orders created</source>
        <translation>下单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="101"/>
        <source>Orders paid</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="102"/>
        <source>Net GMV</source>
        <translation>净成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="109"/>
        <source>Unknown: import the video lists (抖音 作品列表, 视频号 动态数据, 小红书 笔记列表, TikTok Studio Content) of this period</source>
        <translation>未知：请导入这段时间的作品列表（抖音作品列表、视频号动态数据、小红书笔记列表、TikTok Studio 内容数据）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="113"/>
        <source>Unknown: no export imported here gives product clicks per video yet; 抖音 creator center&apos;s 商品点击 or TikTok Shop&apos;s product views would fill this step</source>
        <translation>未知：目前导入的导出表都没有单条视频的商品点击；抖音创作者中心的“商品点击”或 TikTok Shop 的商品浏览数据可以补上这一步</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="117"/>
        <location filename="../../app/views/conversion/funnel_view.py" line="120"/>
        <source>Unknown: import the 抖店 or TikTok Shop order export of this period</source>
        <translation>未知：请导入这段时间的抖店或 TikTok Shop 订单导出表</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="123"/>
        <source>Unknown: import the order export and the after-sales (售后) export of this period</source>
        <translation>未知：请导入这段时间的订单导出表和售后导出表</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="133"/>
        <source>Unknown: import %1 of this period</source>
        <translation>未知：请导入这段时间的%1</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="139"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="139"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="141"/>
        <source>This step divided by the step before; net GMV: share kept after refunds</source>
        <translation>本步 ÷ 上一步；净成交额一行为扣除退款后留下的比例</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="144"/>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="145"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="146"/>
        <source>Step rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="151"/>
        <source>Step rate B</source>
        <translation>B 转化率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="152"/>
        <source>B vs A</source>
        <translation>B 与 A 相比</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="152"/>
        <source>(B − A) / A</source>
        <translation>（B − A）÷ A</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="189"/>
        <source>All videos</source>
        <translation>全部视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="191"/>
        <location filename="../../app/views/conversion/funnel_view.py" line="238"/>
        <source>No pillar</source>
        <translation>未分内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="217"/>
        <source>No orders or views</source>
        <translation>没有订单或播放</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="224"/>
        <source>Orders are order lines paid in the period, as in the monthly figures. The bars and the net GMV rate use %1; other currencies are listed, never added.</source>
        <translation>订单指这段时间内支付的子订单，与月度数据口径一致。柱状图和净成交额比例按 %1 计算；其他币种单独列出，不相加。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/funnel_view.py" line="229"/>
        <source>A content group only has the orders whose lines name one of its videos.</source>
        <translation>内容分组只包含子订单写明了其视频的订单。</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <location filename="../../app/views/content/heatmap_view.py" line="186"/>
        <source>n=%1</source>
        <translation>%1条</translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message>
        <location filename="../../app/views/content/heatmap_view.py" line="146"/>
        <source>%1 %2:00 — no videos posted</source>
        <translation>%1 %2:00 — 没有发过视频</translation>
    </message>
    <message>
        <location filename="../../app/views/content/heatmap_view.py" line="150"/>
        <source>%1 %2:00 — %3 over %4 videos</source>
        <translation>%1 %2:00 — %3，共 %4 条视频</translation>
    </message>
    <message>
        <location filename="../../app/views/content/heatmap_view.py" line="155"/>
        <source>Too few videos to recommend this slot yet</source>
        <translation>视频太少，暂不推荐这个时段</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="120"/>
        <location filename="../../app/views/dialogs/file_pickers.py" line="28"/>
        <source>Import platform exports</source>
        <translation>导入平台导出文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="139"/>
        <source>Select a file to see its notes.</source>
        <translation>选择一个文件以查看说明。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="147"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="149"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="151"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="153"/>
        <source>Map columns…</source>
        <translation>映射列…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="156"/>
        <source>Tell ShopReel which column of this table holds what, and save it as a template</source>
        <translation>告诉短视频经营台这张表的每一列是什么，并保存为模板</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="166"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="167"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="168"/>
        <source>Export</source>
        <translation>导出类型</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="169"/>
        <source>Dates</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="170"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="171"/>
        <source>What it does</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="257"/>
        <source>Cancelling: rolling back the current file…</source>
        <translation>正在取消：回滚当前文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="292"/>
        <source>Checking %1 of %2: %3</source>
        <translation>正在检查第 %1/%2 个：%3</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="294"/>
        <source>Importing %1 of %2: %3</source>
        <translation>正在导入第 %1/%2 个：%3</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="336"/>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="361"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="364"/>
        <source>Import 1 file</source>
        <translation>导入 1 个文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="364"/>
        <source>Import %1 files</source>
        <translation>导入 %1 个文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="388"/>
        <source>Checking the files. Nothing is written until you click Import.</source>
        <translation>正在检查文件。点击“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="391"/>
        <source>No files to import were found. ShopReel reads the Excel and CSV files downloaded from the platforms.</source>
        <translation>没有找到可导入的文件。短视频经营台读取从各平台下载的 Excel 和 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="396"/>
        <source>This is what each file will do. Files already imported and files that cannot be read are left out.</source>
        <translation>以下是每个文件导入后的效果。已导入过的文件和无法读取的文件会被跳过。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="401"/>
        <source>Importing. Cancel rolls back the file being imported; files already imported stay.</source>
        <translation>正在导入。取消会回滚正在导入的文件；已导入的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="404"/>
        <source>Import cancelled. Files imported before the cancel stay.</source>
        <translation>导入已取消。取消之前导入的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="405"/>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="415"/>
        <source>%1 to import</source>
        <translation>%1 个待导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="415"/>
        <source>%1 imported</source>
        <translation>%1 个已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="418"/>
        <source>%1 already imported</source>
        <translation>%1 个之前已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="419"/>
        <source>%1 rejected</source>
        <translation>%1 个被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="420"/>
        <source>%1 cancelled</source>
        <translation>%1 个已取消</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="423"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="423"/>
        <source>Nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="432"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="432"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="433"/>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="435"/>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="437"/>
        <source>Already imported</source>
        <translation>之前已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="440"/>
        <source>Cancelled: nothing written</source>
        <translation>已取消：未写入任何数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="440"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="441"/>
        <source>%1 new, %2 updated, %3 unchanged</source>
        <translation>新增 %1，更新 %2，未变 %3</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="443"/>
        <source>, %4 skipped</source>
        <translation>，跳过 %4</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="446"/>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="480"/>
        <source>Rejected: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="484"/>
        <source>Click “Map columns…” to tell ShopReel which column holds what. Files with the same columns are then recognised automatically.</source>
        <translation>点击“映射列…”，告诉短视频经营台每一列是什么。之后列相同的文件会被自动识别。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="491"/>
        <source>Data as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="493"/>
        <source>Notes:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="537"/>
        <source>The file cannot be read for mapping: %1</source>
        <translation>无法读取该文件以映射列：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file_pickers.py" line="22"/>
        <source>Platform exports (%1)</source>
        <translation>平台导出文件 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file_pickers.py" line="24"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/file_pickers.py" line="37"/>
        <source>Import a folder of exports</source>
        <translation>导入整个文件夹的导出文件</translation>
    </message>
</context>
<context>
    <name>ImportErrors</name>
    <message>
        <location filename="../../app/views/import_errors.py" line="25"/>
        <source>an ID (letters and digits, no spaces)</source>
        <translation>一个编号（字母和数字，不含空格）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="26"/>
        <source>the full ID as text: Excel turned this ID into a number and its last digits are lost; re-export the file from the platform, and do not open and re-save it in Excel</source>
        <translation>以文本形式保存的完整编号：Excel 把这个编号变成了数字，末尾几位已丢失；请从平台重新导出文件，不要用 Excel 打开后再保存</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="31"/>
        <source>the ID as plain digits: Excel shows it as a number with thousands separators; re-export the file from the platform, and do not open and re-save it in Excel</source>
        <translation>不带分隔符的纯数字编号：Excel 把它显示成了带千位分隔符的数字；请从平台重新导出文件，不要用 Excel 打开后再保存</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="36"/>
        <source>a whole number</source>
        <translation>一个整数</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="37"/>
        <source>a number like 1,234.5</source>
        <translation>一个数字，如 1,234.5</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="38"/>
        <source>an amount of money like ¥1,299.00, 12.50元 or BRL 35,91</source>
        <translation>一个金额，如 ¥1,299.00、12.50元 或 BRL 35,91</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="39"/>
        <source>a percentage like 35.2% or a ratio like 0.352</source>
        <translation>一个百分比（如 35.2%）或比例（如 0.352）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="40"/>
        <source>a ratio between 0 and 1</source>
        <translation>0 到 1 之间的比例</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="41"/>
        <source>a percentage between 0 and 100</source>
        <translation>0 到 100 之间的百分比</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="42"/>
        <source>yes or no (是/否)</source>
        <translation>是或否</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="43"/>
        <source>a date and time like 2026-08-03 14:05:00</source>
        <translation>一个日期时间，如 2026-08-03 14:05:00</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="44"/>
        <source>a duration like 21.46秒, 1:05, 1:02:03 or 2分30秒</source>
        <translation>一个时长，如 21.46秒、1:05、1:02:03 或 2分30秒</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="45"/>
        <source>a date like August 9, 3月25日 or 2026-08-09</source>
        <translation>一个日期，如 8月9日、3月25日 或 2026-08-09</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="46"/>
        <source>an unambiguous date like 2026-08-03 (in this date either number could be the day)</source>
        <translation>不会产生歧义的日期，如 2026-08-03（这个日期中两个数字都可能是“日”）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="55"/>
        <source>the file is too large to open on this computer: export a shorter date range</source>
        <translation>文件太大，这台电脑无法打开：请缩短日期范围后重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="59"/>
        <source>the file was not found: it may have been moved</source>
        <translation>找不到文件：它可能已被移动</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="60"/>
        <source>this is a folder, not a file</source>
        <translation>这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="61"/>
        <source>the file cannot be opened: close it in Excel or WPS (or check its permissions) and try again</source>
        <translation>无法打开文件：请在 Excel 或 WPS 中关闭它（或检查文件权限）后重试</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="66"/>
        <source>the file is empty: export it again from the platform</source>
        <translation>文件是空的：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="67"/>
        <source>the file holds no data: export it again from the platform</source>
        <translation>文件中没有数据：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="68"/>
        <source>this is an Excel 2003 XML spreadsheet: open it in Excel and save it as .xlsx</source>
        <translation>这是 Excel 2003 XML 表格：请用 Excel 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="72"/>
        <source>the HTML table is malformed: export the file again</source>
        <translation>HTML 表格格式有误：请重新导出文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="73"/>
        <source>the file is password-protected: save it without a password, then import it</source>
        <translation>文件设有密码保护：请去掉密码另存后再导入</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="77"/>
        <source>this Excel 97-2003 (.xls) file could not be read (it may be damaged, or a WPS .et file): open it in Excel or WPS, save it as .xlsx and import that</source>
        <translation>无法读取这个 Excel 97-2003（.xls）文件（可能已损坏，或是 WPS 的 .et 文件）：请用 Excel 或 WPS 打开，另存为 .xlsx 后导入</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="83"/>
        <source>not a spreadsheet or CSV file: choose the .xlsx, .xls or .csv file exported from the platform</source>
        <translation>不是表格或 CSV 文件：请选择从平台导出的 .xlsx、.xls 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="88"/>
        <source>the file is damaged or incomplete: download or export it again</source>
        <translation>文件已损坏或不完整：请重新下载或导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="91"/>
        <source>this .xls file is damaged (its header is invalid): export it again, or open it in Excel and save it as .xlsx</source>
        <translation>这个 .xls 文件已损坏（文件头无效）：请重新导出，或用 Excel 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="96"/>
        <source>the workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; it was not opened for safety: export it again from the platform</source>
        <translation>工作簿含有 Excel 从不写入的 XML 声明（DOCTYPE/ENTITY），为安全起见未打开：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="101"/>
        <source>this is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx</source>
        <translation>这是二进制 Excel 工作簿（.xlsb）：请用 Excel 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="105"/>
        <source>this is a Word document, not a spreadsheet: not a spreadsheet or CSV file: choose the .xlsx, .xls or .csv file exported from the platform</source>
        <translation>这是 Word 文档，不是表格：请选择从平台导出的 .xlsx、.xls 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="110"/>
        <source>this is an OpenDocument file (WPS/LibreOffice): open it and save it as .xlsx</source>
        <translation>这是 OpenDocument 文件（WPS/LibreOffice）：请打开它并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="115"/>
        <location filename="../../app/views/import_errors.py" line="135"/>
        <source>A required cell is empty.</source>
        <translation>必填的单元格是空的。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="116"/>
        <source>A date cannot be read.</source>
        <translation>无法识别日期。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="118"/>
        <source>The day this 千川 report covers is neither in a 日期 column nor in its file name (…_2026-08-14 00_00_00-2026-08-14 23_59_59-….xlsx). Keep the name the platform gave it.</source>
        <translation>这份千川报表对应的日期既不在“日期”列中，也不在文件名中（…_2026-08-14 00_00_00-2026-08-14 23_59_59-….xlsx）。请保留平台给出的文件名。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="125"/>
        <source>This file has no table to map: none of its first rows has two filled cells.</source>
        <translation>这个文件中没有可映射的表格：前几行中没有任何一行填有两个以上的单元格。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="134"/>
        <source>This cell cannot be read.</source>
        <translation>这个单元格读不出来。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="136"/>
        <source>This order number is on row %1 too. With no order-line column, each row must be one whole order: map the order-line column.</source>
        <translation>这个订单号在第 %1 行也出现了。没有子订单列时，每行必须是一整笔订单：请把子订单列对应上。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="149"/>
        <source>This file is not an export ShopReel recognises. Its first rows hold: %1. Map its columns by hand in the column-mapping dialog, or check that it is the platform&apos;s original export.</source>
        <translation>这不是短视频经营台认识的平台导出文件。它开头几行是：%1。请在“列映射”窗口里手动对应各列，或确认这是从平台直接下载的原始文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="154"/>
        <source>The column %1 appears %2 times; ShopReel cannot tell which one to use. Export the file again without changes.</source>
        <translation>列 %1 出现了 %2 次，短视频经营台无法判断该用哪一列。请重新导出文件，不要改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="160"/>
        <source>Order %1 appears again (first on row %2). This table has no order-line column, so each order must be on one row. Map a line or sub-order column in the column mapping, or export one row per order.</source>
        <translation>订单 %1 重复出现（第一次在第 %2 行）。这张表没有子订单列，每个订单只能占一行。请在列映射中对应子订单号列，或按“一单一行”重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="167"/>
        <source>the file is too large (%1); the limit is %2: export a shorter date range</source>
        <translation>文件太大（%1），上限为 %2：请缩短日期范围后重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="171"/>
        <source>the CSV text is malformed near line %1 (%2): export it again</source>
        <translation>CSV 内容在第 %1 行附近格式有误（%2）：请重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="174"/>
        <source>the file could not be read (%1): copy it to a local folder and try again</source>
        <translation>无法读取文件（%1）：请复制到本机文件夹后再试</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="178"/>
        <source>the file could not be read; it may be damaged (%1): open it in Excel and save it again, or export it again</source>
        <translation>无法读取文件，文件可能已损坏（%1）：请用 Excel 打开后重新保存，或重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="183"/>
        <source>the workbook could not be read (%1): open it in Excel and save it again, or export it again</source>
        <translation>无法读取这个表格文件（%1）：请用 Excel 打开后重新保存，或重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="190"/>
        <source>too many rows (%1) in sheet %2 (by its declared size); the limit is %3: export a shorter date range or split the file</source>
        <translation>工作表 %2 的行数太多（按表格声明的大小有 %1 行），上限是 %3 行：请导出更短的日期范围，或把文件拆开</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="195"/>
        <source>too many rows (%1) in sheet %2; the limit is %3: export a shorter date range or split the file</source>
        <translation>工作表 %2 的行数太多（%1 行），上限是 %3 行：请导出更短的日期范围，或把文件拆开</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="200"/>
        <source>too many columns (%1) in sheet %2 (by its declared size); the limit is %3: export only the columns you need</source>
        <translation>工作表 %2 的列数太多（按表格声明的大小有 %1 列），上限是 %3 列：只导出需要的列</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="205"/>
        <source>too many columns (%1) in sheet %2; the limit is %3: export only the columns you need</source>
        <translation>工作表 %2 的列数太多（%1 列），上限是 %3 列：只导出需要的列</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="209"/>
        <source>sheet %1 is too large (%2 rows × %3 columns (by its declared size)); the limit is %4 cells: export a shorter date range or split the file</source>
        <translation>工作表 %1 太大（按表格声明的大小有 %2 行 × %3 列），上限是 %4 个单元格：请导出更短的日期范围，或把文件拆开</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="214"/>
        <source>sheet %1 is too large (%2 rows × %3 columns); the limit is %4 cells: export a shorter date range or split the file</source>
        <translation>工作表 %1 太大（%2 行 × %3 列），上限是 %4 个单元格：请导出更短的日期范围，或把文件拆开</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="219"/>
        <source>too many rows (%1); the limit is %2: export a shorter date range or split the file</source>
        <translation>行数太多（%1 行），上限是 %2 行：请导出更短的日期范围，或把文件拆开</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="223"/>
        <source>too many columns (%1) in %2; the limit is %3: export only the columns you need</source>
        <translation>%2 的列数太多（%1 列），上限是 %3 列：只导出需要的列</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="227"/>
        <source>%1 is too large (%2 cells); the limit is %3 cells: export a shorter date range or split the file</source>
        <translation>%1 太大（%2 个单元格），上限是 %3 个单元格：请导出更短的日期范围，或把文件拆开</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="233"/>
        <source>the file holds %1 parts, far more than a spreadsheet has; it was not opened: export it again from the platform</source>
        <translation>文件内含 %1 个部件，远多于正常表格，为安全起见没有打开：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="238"/>
        <source>the file unpacks to %1, more than the limit of %2: export a shorter date range</source>
        <translation>文件解压后有 %1，超过上限 %2：请缩短日期范围后重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="242"/>
        <source>the file looks like a zip bomb (a part unpacks %1 times larger than it is stored); it was not opened: export it again from the platform</source>
        <translation>文件疑似“压缩炸弹”（某部分解压后是压缩前的 %1 倍），为安全起见没有打开：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="247"/>
        <source>the text is not in a known encoding (tried %1; first bad byte on line %2): save it from Excel as &apos;CSV UTF-8&apos;, or export it again</source>
        <translation>无法识别文件编码（已尝试 %1；第 %2 行出现无法识别的字符）：请在 Excel 中另存为“CSV UTF-8”，或重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="252"/>
        <source>the text mixes two encodings (UTF-8 and GBK; the change is on line %1): export the file again instead of joining files by hand, or save it from Excel as &apos;CSV UTF-8&apos;</source>
        <translation>文件混用了两种编码（UTF-8 和 GBK，从第 %1 行开始变化）：请重新导出，不要手动拼接文件，或在 Excel 中另存为“CSV UTF-8”</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="257"/>
        <source>this is a zip archive with no spreadsheet in it (found: %1): unzip it and import the .xlsx or .csv file inside</source>
        <translation>这是一个压缩包，里面没有表格文件（包含：%1）：请解压后导入其中的 .xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="262"/>
        <source>formula without a value (sheet %1, cell %2): open the file in Excel and save it, or export it again</source>
        <translation>公式没有计算结果（工作表 %1，单元格 %2）：请用 Excel 打开并保存，或重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="271"/>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="337"/>
        <source>%1, row %2, column “%3”: found “%4”, expected %5.</source>
        <translation>%1，第 %2 行，“%3”列：读到“%4”，应为%5。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="345"/>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="347"/>
        <source>column “%1”</source>
        <translation>“%1”列</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="351"/>
        <source>%1 (found “%2”)</source>
        <translation>%1（读到“%2”）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="321"/>
        <location filename="../../app/views/import_errors.py" line="355"/>
        <source>%1 (expected %2)</source>
        <translation>%1（应为%2）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="362"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="363"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ImportLock</name>
    <message>
        <location filename="../../app/views/import_lock_message.py" line="12"/>
        <source>Someone</source>
        <translation>有同事</translation>
    </message>
    <message>
        <location filename="../../app/views/import_lock_message.py" line="15"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_lock_message.py" line="20"/>
        <source>%1 is importing; undo this import when it finishes. Nothing was changed.</source>
        <translation>%1正在导入，请等导入完成后再撤销这次导入。数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_lock_message.py" line="24"/>
        <source>%1 has been importing since %2; undo this import when it finishes. Nothing was changed.</source>
        <translation>%1从 %2 起正在导入，请等导入完成后再撤销这次导入。数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_lock_message.py" line="30"/>
        <source>%1 is importing; try again when it finishes. Nothing was imported.</source>
        <translation>%1正在导入，请等导入完成后再试。本次没有导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_lock_message.py" line="34"/>
        <source>%1 has been importing since %2; try again when it finishes. Nothing was imported.</source>
        <translation>%1从 %2 起正在导入，请等导入完成后再试。本次没有导入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportsTab</name>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="38"/>
        <source>Files imported</source>
        <translation>已导入文件</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="39"/>
        <location filename="../../app/views/tabs/imports_tab.py" line="52"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="40"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="41"/>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="47"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="48"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="49"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="50"/>
        <source>Export</source>
        <translation>导出类型</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="51"/>
        <source>Data as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="53"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="54"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="55"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="56"/>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="57"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="62"/>
        <source>Nothing imported yet.

Every file you import is listed here.</source>
        <translation>还没有导入任何文件。

每个导入的文件都会列在这里。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="87"/>
        <source>Undo import…</source>
        <translation>撤销导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="89"/>
        <source>Remove the rows the selected import added and restore the rows it changed</source>
        <translation>删除所选导入新增的行，并恢复它修改过的行</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="94"/>
        <source>Saved mappings…</source>
        <translation>已保存的列映射…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="96"/>
        <source>See and delete the column mappings saved for files ShopReel did not know</source>
        <translation>查看和删除为短视频经营台原本不认识的文件保存的列映射</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="119"/>
        <source>Import #%1 cannot be undone on its own: later imports (%2) changed the same rows. Undo those first (newest first), then this one.</source>
        <translation>导入 #%1 无法单独撤销：之后的导入（%2）修改了相同的行。请先撤销这些导入（从最新的开始），再撤销这一个。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="125"/>
        <source>Import #%1 no longer exists.</source>
        <translation>导入 #%1 已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="129"/>
        <source>Import #%1 was already undone.</source>
        <translation>导入 #%1 已经撤销过了。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="130"/>
        <location filename="../../app/views/tabs/imports_tab.py" line="149"/>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="144"/>
        <source>Undo import #%1 of “%2”?

The rows it added are removed and the rows it changed get their earlier values back.</source>
        <translation>撤销导入 #%1（“%2”）吗？

它新增的行会被删除，它修改过的行会恢复原来的值。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../app/views/formatting.py" line="17"/>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="18"/>
        <source>Kuaishou</source>
        <translation>快手</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="19"/>
        <source>WeChat Channels</source>
        <translation>视频号</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="20"/>
        <source>Xiaohongshu</source>
        <translation>小红书</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="21"/>
        <source>TikTok</source>
        <translation>TikTok</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="22"/>
        <source>Tmall</source>
        <translation>天猫</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="23"/>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="24"/>
        <source>Offline store</source>
        <translation>线下门店</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="34"/>
        <source>Idea</source>
        <translation>创意</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="35"/>
        <source>Scripted</source>
        <translation>已写脚本</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="36"/>
        <source>Shot</source>
        <translation>已拍摄</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="37"/>
        <source>Edited</source>
        <translation>已剪辑</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="38"/>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="39"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="40"/>
        <source>Original</source>
        <translation>原创</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="41"/>
        <source>Challenge</source>
        <translation>挑战赛</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="42"/>
        <source>Duet</source>
        <translation>合拍</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="43"/>
        <source>Win-back</source>
        <translation>召回</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="44"/>
        <source>Live preview</source>
        <translation>直播预告</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="45"/>
        <source>Festival</source>
        <translation>节日活动</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="46"/>
        <source>UGC</source>
        <translation>晒单激励</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="27"/>
        <location filename="../../app/views/formatting.py" line="47"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="26"/>
        <location filename="../../app/views/formatting.py" line="48"/>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="28"/>
        <source>Youzan</source>
        <translation>有赞</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="29"/>
        <source>Weidian</source>
        <translation>微店</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="49"/>
        <source>Group chat</source>
        <translation>社群</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="50"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="51"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="52"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="53"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="54"/>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="55"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="56"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="57"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="58"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="59"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="64"/>
        <source>Douyin Shop orders</source>
        <translation>抖店订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="65"/>
        <source>Douyin Shop after-sales</source>
        <translation>抖店售后单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="66"/>
        <source>Douyin Shop reviews</source>
        <translation>抖店商品评价</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="67"/>
        <source>Douyin video list</source>
        <translation>抖音作品列表</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="68"/>
        <source>Douyin account daily</source>
        <translation>抖音账号日数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="69"/>
        <source>Douyin account overview</source>
        <translation>抖音账号总览</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="70"/>
        <source>Qianchuan materials (daily)</source>
        <translation>千川素材日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="71"/>
        <source>Qianchuan products (daily)</source>
        <translation>千川推商品日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="72"/>
        <source>Qianchuan Douyin accounts (daily)</source>
        <translation>千川推抖音号日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="73"/>
        <source>DOU+ spend (daily)</source>
        <translation>DOU+ 投放日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="74"/>
        <source>Kuaishou video list</source>
        <translation>快手作品列表</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="75"/>
        <source>Kuaishou account data</source>
        <translation>快手账号数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="76"/>
        <source>Channels post details</source>
        <translation>视频号动态数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="77"/>
        <source>Channels follower data</source>
        <translation>视频号关注者数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="78"/>
        <source>Xiaohongshu note list</source>
        <translation>小红书笔记列表</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="79"/>
        <source>Xiaohongshu 30-day trend</source>
        <translation>小红书近30日数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="80"/>
        <source>TikTok Studio overview</source>
        <translation>TikTok Studio 概览</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="81"/>
        <source>TikTok Studio content</source>
        <translation>TikTok Studio 内容</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="82"/>
        <source>TikTok follower history</source>
        <translation>TikTok 粉丝历史</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="83"/>
        <source>TikTok Shop orders</source>
        <translation>TikTok Shop 订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="84"/>
        <source>TikTok Promote (daily)</source>
        <translation>TikTok Promote 日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="85"/>
        <source>Youzan customers</source>
        <translation>有赞客户</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="86"/>
        <source>Tmall orders</source>
        <translation>天猫订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="87"/>
        <source>JD orders</source>
        <translation>京东订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="88"/>
        <source>Store coupon redemptions</source>
        <translation>门店核销记录</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="111"/>
        <source>Short video</source>
        <translation>短视频</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="112"/>
        <source>Live</source>
        <translation>直播</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="113"/>
        <source>Product card</source>
        <translation>商品卡</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="114"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="115"/>
        <source>Pending (next-day update)</source>
        <translation>数据将于第二天更新</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="118"/>
        <source>Mapped: %1</source>
        <translation>映射：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="119"/>
        <source>Mapped table #%1</source>
        <translation>映射表 #%1</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="188"/>
        <source>%1 – %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="196"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="201"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="206"/>
        <source>%1 s</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="399"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>LearningView</name>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="71"/>
        <source>Last 30 days</source>
        <translation>近30天</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="72"/>
        <source>Last 90 days</source>
        <translation>近90天</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="73"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="74"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="75"/>
        <source>All time</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="82"/>
        <source>Planned vs actual</source>
        <translation>计划与实际对比</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="83"/>
        <source>Best time to post</source>
        <translation>最佳发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="84"/>
        <source>What works</source>
        <translation>什么内容有效</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="85"/>
        <source>Challenges and duets</source>
        <translation>挑战赛与合拍</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="87"/>
        <source>Period</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="142"/>
        <source>Videos that look like planned items</source>
        <translation>这些已发布视频像是计划里的选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="146"/>
        <source>Same platform, a similar title and published within 2 days of the planned time. Confirm the match, or link the video to another item.</source>
        <translation>同一平台、标题相近、发布时间和计划时间相差不超过2天。确认匹配，或者把视频关联到别的选题。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="154"/>
        <source>Published video</source>
        <translation>已发布视频</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="155"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="156"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="157"/>
        <source>Plan item</source>
        <translation>计划选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="158"/>
        <location filename="../../app/views/content/learning_view.py" line="197"/>
        <source>Planned</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="159"/>
        <source>Title similarity</source>
        <translation>标题相似度</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="169"/>
        <source>Confirm match</source>
        <translation>确认匹配</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="173"/>
        <source>Link to another item…</source>
        <translation>关联到其他选题…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="176"/>
        <source>Every published video that looks like a plan item is linked.</source>
        <translation>像是计划选题的已发布视频都已关联好了。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="185"/>
        <source>Planned items and what their videos did</source>
        <translation>计划选题和视频的实际表现</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="189"/>
        <source>Next to each figure: the median video of the item&apos;s pillar over the 90 days before. Green: better than the pillar&apos;s usual video; red: worse.</source>
        <translation>每个数字旁边是同一内容方向在前90天的视频中位数。绿色：比这个方向的平常水平好；红色：比平常差。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="198"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="199"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="200"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="201"/>
        <location filename="../../app/views/content/learning_view.py" line="453"/>
        <location filename="../../app/views/content/learning_view.py" line="499"/>
        <source>Videos</source>
        <translation>视频数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="202"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="203"/>
        <location filename="../../app/views/content/learning_view.py" line="210"/>
        <location filename="../../app/views/content/learning_view.py" line="217"/>
        <location filename="../../app/views/content/learning_view.py" line="219"/>
        <source>Pillar
median</source>
        <translation>内容方向
中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="206"/>
        <source>Completion</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="213"/>
        <source>Interaction</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="218"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="220"/>
        <source>Views vs
pillar</source>
        <translation>播放量
比方向均值</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="225"/>
        <source>Link a video…</source>
        <translation>关联视频…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="227"/>
        <location filename="../../app/views/content/learning_view.py" line="304"/>
        <source>Unlink video</source>
        <translation>取消关联</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="302"/>
        <source>Unlink the video from “%1”? Its figures leave this item.</source>
        <translation>取消视频和“%1”的关联？这条视频的数据将不再算在这个选题上。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="330"/>
        <source>Link to another item</source>
        <translation>关联到其他选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="331"/>
        <source>Which plan item is this video?</source>
        <translation>这条视频对应哪个计划选题？</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="359"/>
        <source>Link a video</source>
        <translation>关联视频</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="360"/>
        <source>Which published video is “%1”? Closest to the planned time first.</source>
        <translation>“%1”对应的是哪条已发布视频？离计划时间最近的排在前面。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="373"/>
        <location filename="../../app/views/content/learning_view.py" line="454"/>
        <location filename="../../app/views/content/learning_view.py" line="500"/>
        <source>Median views</source>
        <translation>播放量中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="374"/>
        <source>Median completion rate</source>
        <translation>完播率中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="375"/>
        <source>Median orders</source>
        <translation>订单数中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="382"/>
        <source>A slot is recommended only with this many videos</source>
        <translation>一个时段至少要有这么多条视频才会被推荐</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="391"/>
        <source>Each cell: the median of the videos you posted in that weekday and hour; n = how many videos. Grey cells have too few videos to trust; the three best recommendable slots have a gold border.</source>
        <translation>每一格是你在这个星期几、这个钟点发的视频的中位数，角上的“几条”是视频条数。灰色格子视频太少，参考价值不大；金色边框是最值得推荐的三个时段。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="399"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="402"/>
        <source>Recommend a slot from</source>
        <translation>至少</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="404"/>
        <source>videos</source>
        <translation>条视频才推荐</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="427"/>
        <source>Not enough videos in this period to recommend a time yet.</source>
        <translation>这段时间的视频还不够多，暂时推荐不出发布时间。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="434"/>
        <source>%1 %2:00 (%3, %4 videos)</source>
        <translation>%1 %2:00（%3，共 %4 条视频）</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="441"/>
        <source>Best slots: %1</source>
        <translation>推荐时段：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="447"/>
        <source>By content pillar</source>
        <translation>按内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="448"/>
        <source>By structure template</source>
        <translation>按脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="452"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="455"/>
        <source>Completion rate</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="456"/>
        <location filename="../../app/views/content/learning_view.py" line="502"/>
        <source>Interaction rate</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="457"/>
        <source>Orders per 1k views</source>
        <translation>千次播放订单数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="465"/>
        <source>Videos published in the period, best median views first. Completion is weighted by views; interaction = likes, comments, shares and favourites per view.</source>
        <translation>统计这段时间发布的视频，按播放量中位数从高到低排。完播率按播放量加权；互动率 =（点赞+评论+分享+收藏）/ 播放量。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="488"/>
        <source>(none)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="498"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="501"/>
        <source>Total views</source>
        <translation>总播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="503"/>
        <source>Shares per 1k views</source>
        <translation>千次播放分享数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="505"/>
        <source>New followers per 1k views</source>
        <translation>千次播放涨粉数</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="507"/>
        <source>Reach vs originals</source>
        <translation>播放对比原创</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="515"/>
        <source>Challenges (挑战赛) and duets (合拍) ride the platform&apos;s traffic pool: compare their median views with your original videos. Videos not in the plan count as originals.</source>
        <translation>挑战赛和合拍能借平台的流量池：拿它们的播放量中位数和你的原创视频比一比。不在计划里的视频按原创算。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/learning_view.py" line="542"/>
        <location filename="../../app/views/content/learning_view.py" line="545"/>
        <source>Content plan</source>
        <translation>内容规划</translation>
    </message>
</context>
<context>
    <name>LedgerExporter</name>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="47"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="47"/>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 编码 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="50"/>
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="74"/>
        <source>Exporting %1 customers to %2…</source>
        <translation>正在导出 %1 位客户到 %2…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="82"/>
        <source>Exported %1 customers to %2</source>
        <translation>已导出 %1 位客户到 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="88"/>
        <source>Could not export to %1: %2</source>
        <translation>无法导出到 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_export.py" line="93"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="86"/>
        <source>Search names, phones, tags, notes…</source>
        <translation>搜索姓名、手机号、标签、备注…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="91"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="92"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="93"/>
        <source>Segment</source>
        <translation>RFM 客群</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="40"/>
        <source>Per video</source>
        <translation>按视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="41"/>
        <source>Per pillar</source>
        <translation>按内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="42"/>
        <source>Spend per material</source>
        <translation>按素材看消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="43"/>
        <source>Spend per day</source>
        <translation>按天看消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="44"/>
        <source>Spend per channel</source>
        <translation>按渠道看消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="53"/>
        <source>ledger</source>
        <translation>内容变现账本</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="59"/>
        <source>Break-even ROAS = 1 / (margin × (1 − refund rate)); margin from the cost prices you entered (Products page). Profit = net GMV × margin − ad spend. Orders count only where the order export names the video.</source>
        <translation>保本 ROAS = 1 ÷（毛利率 ×（1 − 退款率））；毛利率来自你填写的成本价（商品页）。利润 = 净成交额 × 毛利率 − 广告消耗。只有订单导出表写明视频的订单才会计入。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="90"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="91"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="148"/>
        <location filename="../../app/views/customers/ledger_view.py" line="94"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="92"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="97"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="93"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="101"/>
        <source>A pillar selling in two currencies has a row for each</source>
        <translation>同一内容方向用两种币种成交时，每种币种单独一行</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="103"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="109"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="110"/>
        <source>Completion</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="111"/>
        <source>Product clicks</source>
        <translation>商品点击</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="112"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="113"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="114"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="115"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="152"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="116"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="153"/>
        <source>Ad GMV</source>
        <translation>广告成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="117"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="155"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="205"/>
        <source>ROAS</source>
        <translation>ROAS</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="117"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="155"/>
        <source>Ad GMV / ad spend</source>
        <translation>广告成交额 ÷ 广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="120"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="206"/>
        <source>Break-even ROAS</source>
        <translation>保本 ROAS</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="122"/>
        <source>1 / (margin × (1 − refund rate)): below it the ads lose money</source>
        <translation>1 ÷（毛利率 ×（1 − 退款率））：低于它，投放就在亏钱</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="124"/>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="127"/>
        <source>Profit</source>
        <translation>利润</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="130"/>
        <source>Net GMV × margin − ad spend</source>
        <translation>净成交额 × 毛利率 − 广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="137"/>
        <source>Qianchuan (千川) materials</source>
        <translation>千川素材</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="138"/>
        <source>Qianchuan products (推商品)</source>
        <translation>千川推商品</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="139"/>
        <source>Qianchuan accounts (推抖音号)</source>
        <translation>千川推抖音号</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="140"/>
        <source>DOU+</source>
        <translation>DOU+</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="141"/>
        <source>TikTok Promote</source>
        <translation>TikTok Promote</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="147"/>
        <source>Spent on</source>
        <translation>投放对象</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="149"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="151"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="154"/>
        <source>Ad orders</source>
        <translation>广告订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="156"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="156"/>
        <source>(Ad GMV − spend) / spend</source>
        <translation>（广告成交额 − 消耗）÷ 消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="157"/>
        <source>Share of spend</source>
        <translation>消耗占比</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="188"/>
        <source>%1 rows of ad spend in this period; ROAS and ROI as the ad reports give them.</source>
        <translation>本期共 %1 行投放消耗；ROAS 和 ROI 按投放报表给出的成交计算。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="202"/>
        <source>Below break-even</source>
        <translation>低于保本线</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="207"/>
        <source>ROAS against break-even (videos with spend)</source>
        <translation>ROAS 与保本线对比（有投放的视频）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="209"/>
        <source>ROAS against break-even (pillars with spend)</source>
        <translation>ROAS 与保本线对比（有投放的内容方向）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="212"/>
        <source>No ad spend on these videos</source>
        <translation>这些视频没有广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="218"/>
        <source>ROAS %1 is below the break-even %2: this spend loses money</source>
        <translation>ROAS %1 低于保本线 %2：这笔投放在亏钱</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="228"/>
        <source>%1 videos</source>
        <translation>%1 条视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="228"/>
        <source>%1 pillars</source>
        <translation>%1 个内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="230"/>
        <source>%1 listed; %2 below break-even (red, ⚠).</source>
        <translation>共 %1；%2 行低于保本线（红色、⚠）。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="239"/>
        <source>Profit where costs are known: %1.</source>
        <translation>已知成本部分的利润：%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="95"/>
        <location filename="../../app/views/customers/ledger_view.py" line="394"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="96"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="101"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="111"/>
        <source>Move to private…</source>
        <translation>转入私域…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="113"/>
        <source>Mark the selected customers as added on WeChat, WeCom or to a group</source>
        <translation>把选中的客户标记为已加微信、企业微信或已进群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="115"/>
        <source>Import list…</source>
        <translation>导入名单…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="118"/>
        <source>Mark the customers of a list as private: one per line, an order number, a buyer ID, or a name and phone</source>
        <translation>按名单批量把客户标记为已进私域：每行一位，填订单号、买家 ID，或姓名和手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="123"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="124"/>
        <source>Make the two selected customers one person</source>
        <translation>把选中的两位客户合并为同一人</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="126"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="210"/>
        <location filename="../../app/views/customers/ledger_view.py" line="256"/>
        <source>Not in a private channel</source>
        <translation>未进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="217"/>
        <source>The customers shown (filters and search)…</source>
        <translation>当前显示的客户（按筛选和搜索）…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="219"/>
        <source>The selected customers…</source>
        <translation>选中的客户…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="258"/>
        <source>No tag</source>
        <translation>无标签</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="293"/>
        <source>%1 customers: %2</source>
        <translation>%1 位客户：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="325"/>
        <source>%1 of %2 customers</source>
        <translation>%1 / %2 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="327"/>
        <source>1 customer</source>
        <translation>1 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="327"/>
        <source>%1 customers</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="396"/>
        <source>no private channel</source>
        <translation>未进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="398"/>
        <source>%1 customers moved to %2</source>
        <translation>%1 位客户已标记为：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="417"/>
        <location filename="../../app/views/customers/ledger_view.py" line="434"/>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="420"/>
        <source>Merged %1 into %2</source>
        <translation>已把 %1 合并到 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="436"/>
        <source>Make %1 and %2 one customer? Their orders, tiers and tags are combined; the merge can be undone under Merges.</source>
        <translation>把 %1 和 %2 合并为同一位客户？订单、分层和标签会合到一起；之后可在“合并”里撤销。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="454"/>
        <location filename="../../app/views/customers/ledger_view.py" line="466"/>
        <location filename="../../app/views/customers/ledger_view.py" line="483"/>
        <source>Import list</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="457"/>
        <source>%1 customers marked as %2 (%3 already were); %4 lines not found</source>
        <translation>已标记 %1 位客户为%2（%3 位原本就是）；%4 行没找到对应客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="475"/>
        <source>Import a list of private-channel customers</source>
        <translation>导入私域客户名单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="477"/>
        <source>Lists (*.csv *.txt)</source>
        <translation>名单 (*.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="483"/>
        <source>They are now in:</source>
        <translation>他们现在在：</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="500"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/ledger_view.py" line="100"/>
        <location filename="../../app/views/conversion/ledger_view.py" line="150"/>
        <location filename="../../app/views/customers/ledger_view.py" line="504"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ledger_view.py" line="514"/>
        <source>customers</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>LtvView</name>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="53"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="54"/>
        <source>Platform of the first order</source>
        <translation>首单平台</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="55"/>
        <source>Traffic format of the first order</source>
        <translation>首单流量形式</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="56"/>
        <source>Month of the first order</source>
        <translation>首单月份</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="62"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="63"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="64"/>
        <source>LTV (avg net spend)</source>
        <translation>LTV（人均净消费）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="65"/>
        <location filename="../../app/views/customers/ltv_view.py" line="73"/>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="73"/>
        <source>Revenue</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="88"/>
        <source>Rows: month of the first order (customers). Columns: months since. Repeat rate: in the first month, the share who ordered twice or more; after that, the share who bought again in that month.</source>
        <translation>行：首单月份（客户数）。列：首单后第几个月。复购率：首月是当月下单 2 次及以上的比例；之后是当月再次购买的比例。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="99"/>
        <source>LTV by</source>
        <translation>LTV 按</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="108"/>
        <source>Cohorts</source>
        <translation>同期群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="156"/>
        <location filename="../../app/views/customers/ltv_view.py" line="189"/>
        <source>No buyers yet.</source>
        <translation>还没有购买客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="170"/>
        <source>LTV (avg net spend), %1</source>
        <translation>LTV（人均净消费），%1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="176"/>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="176"/>
        <source>(no tier)</source>
        <translation>（无分层）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="214"/>
        <source>+%1 mo</source>
        <translation>+%1 月</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="233"/>
        <source>Months since the first order</source>
        <translation>首单后第几个月</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="234"/>
        <source>Revenue, %1</source>
        <translation>成交额，%1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/ltv_view.py" line="235"/>
        <source>Repeat rate (%)</source>
        <translation>复购率（%）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/main_window.py" line="104"/>
        <location filename="../../app/views/main_window.py" line="325"/>
        <location filename="../../app/views/main_window.py" line="347"/>
        <source>ShopReel</source>
        <translation>短视频经营台</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="155"/>
        <source>Content plan</source>
        <translation>内容规划</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="156"/>
        <source>Traffic</source>
        <translation>流量数据</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="157"/>
        <source>Conversion</source>
        <translation>转化路径</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="158"/>
        <source>Customers</source>
        <translation>客户分层</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="159"/>
        <source>Retention</source>
        <translation>留存活动</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="160"/>
        <source>Imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="166"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="169"/>
        <source>Import platform exports: the Excel and CSV files as you downloaded them</source>
        <translation>导入平台导出文件：直接使用下载的 Excel 和 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="172"/>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="173"/>
        <source>Import every export in a folder</source>
        <translation>导入文件夹中的所有导出文件</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="175"/>
        <source>Saved column mappings…</source>
        <translation>已保存的列映射…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="177"/>
        <source>See and delete the column mappings saved for files ShopReel did not know</source>
        <translation>查看和删除为短视频经营台原本不认识的文件保存的列映射</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="180"/>
        <source>Report…</source>
        <translation>月报…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="183"/>
        <source>The monthly report: preview it, print it or save it as a PDF</source>
        <translation>月度报告：预览、打印或保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="186"/>
        <source>Backups…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="188"/>
        <location filename="../../app/views/main_window.py" line="274"/>
        <source>See this shop&apos;s backups, back up now, or restore one</source>
        <translation>查看这家店的备份、立即备份或恢复某个备份</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="191"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="194"/>
        <source>Open store…</source>
        <translation>打开数据库…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="196"/>
        <source>Open the demo shop</source>
        <translation>打开示例店铺</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="198"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="201"/>
        <source>Change history…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="203"/>
        <source>Who changed which plan item, customer, tier rule or campaign, and when</source>
        <translation>谁在什么时候改了哪条选题、客户、分层规则或活动</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="206"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="209"/>
        <location filename="../../app/views/main_window.py" line="889"/>
        <source>About ShopReel</source>
        <translation>关于短视频经营台</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="212"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="228"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="231"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="234"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="256"/>
        <source>Store: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="277"/>
        <source>This shop is on a team server: the server&apos;s administrator backs it up (ShopReel&apos;s backups and encryption are for a store file on this computer).</source>
        <translation>这家店的数据在团队服务器上，由服务器管理员负责备份（短视频经营台的备份和加密只用于本机的数据文件）。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="293"/>
        <source>%1 VIP and high-value customers are slipping (%2 in all): see Retention</source>
        <translation>%1 位 VIP 和高价值客户正在流失（共 %2 位）：去“留存活动”看看</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="298"/>
        <source>%1 customers are slipping: see Retention</source>
        <translation>%1 位客户正在流失：去“留存活动”看看</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="402"/>
        <source>Cannot open the store</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="431"/>
        <location filename="../../app/views/main_window.py" line="439"/>
        <source>Open store</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="432"/>
        <source>%1 is already open in another ShopReel window.</source>
        <translation>%1 已在另一个短视频经营台窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="439"/>
        <source>ShopReel stores (*.db);;All files (*)</source>
        <translation>短视频经营台数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="491"/>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="573"/>
        <source>Restored the backup made %1.</source>
        <translation>已恢复 %1 的备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="581"/>
        <source>The backup was not restored: %1</source>
        <translation>备份没有恢复：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="585"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="641"/>
        <source>Import #%1 undone</source>
        <translation>导入 #%1 已撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="650"/>
        <source>Building the demo shop…</source>
        <translation>正在生成示例店铺…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="650"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="651"/>
        <location filename="../../app/views/main_window.py" line="670"/>
        <source>Demo shop</source>
        <translation>示例店铺</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="716"/>
        <location filename="../../app/views/main_window.py" line="769"/>
        <location filename="../../app/views/main_window.py" line="880"/>
        <location filename="../../app/views/main_window.py" line="884"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="771"/>
        <source>This window now shows the team server %1.</source>
        <translation>当前窗口已切换到团队服务器 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="776"/>
        <source>This computer has no keyring: the password is kept in ShopReel&apos;s settings file.</source>
        <translation>这台电脑没有系统钥匙串：密码保存在短视频经营台的设置文件里。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="790"/>
        <source>This window shows this computer&apos;s store again: %1</source>
        <translation>当前窗口已切回本机数据：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="812"/>
        <source>Encrypt this store</source>
        <translation>加密店铺数据</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="817"/>
        <source>The store was not encrypted: the key was not saved to a file.</source>
        <translation>没有加密：密钥还没有保存到文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="821"/>
        <source>The store and its backups are encrypted. Keep the key file %1 safe: without it, a new Windows account or computer cannot open them.</source>
        <translation>店铺数据和备份都已加密。请妥善保管密钥文件 %1：没有它，换了 Windows 账户或换了电脑就打不开这些数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="833"/>
        <source>The store and its backups are no longer encrypted.</source>
        <translation>店铺数据和备份已取消加密。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="844"/>
        <source>The key was saved to %1.</source>
        <translation>密钥已保存到 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="855"/>
        <location filename="../../app/views/main_window.py" line="862"/>
        <source>Save the key to a file</source>
        <translation>把密钥保存到文件</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="855"/>
        <source>Key files (*.txt)</source>
        <translation>密钥文件 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="891"/>
        <source>ShopReel %1

Your short-video shop, from content to revenue, on this computer.</source>
        <translation>短视频经营台 %1

从内容到成交，你的短视频店铺全貌，数据只保存在这台电脑上。</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="68"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="69"/>
        <source>Customer list</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="72"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="73"/>
        <source>Order line number</source>
        <translation>子订单号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="74"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="75"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="76"/>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="77"/>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="78"/>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="79"/>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="80"/>
        <source>After-sales status</source>
        <translation>售后状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="81"/>
        <source>Cancel reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="82"/>
        <source>Buyer ID</source>
        <translation>买家 ID</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="83"/>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="84"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="85"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="86"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="87"/>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="88"/>
        <source>Customer since</source>
        <translation>成为客户时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="89"/>
        <source>WeCom friend</source>
        <translation>企业微信好友</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="90"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="91"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="181"/>
        <source>Map columns</source>
        <translation>映射列</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="194"/>
        <source>ShopReel does not recognise %1. Choose which column holds what; the preview shows how the first rows will be imported. The mapping is saved as a template, and files with the same columns are then recognised automatically.</source>
        <translation>短视频经营台无法识别 %1。请选择每一列对应的内容；预览显示前几行将如何导入。映射会保存为模板，之后列相同的文件会被自动识别。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="204"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="217"/>
        <source>e.g. Kuaishou Shop orders</source>
        <translation>例如：快手小店订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="218"/>
        <source>Columns (* required)</source>
        <translation>列（* 为必填）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="222"/>
        <source>No order line column: each row is read as one whole order, keyed by its order number.</source>
        <translation>没有子订单列：每一行按一整笔订单读取，以订单号区分。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="231"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="233"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="257"/>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="260"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="262"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="266"/>
        <source>The table holds</source>
        <translation>表格内容</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="267"/>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="276"/>
        <source>Preview of the first rows</source>
        <translation>前几行预览</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="332"/>
        <source>(not in this file)</source>
        <translation>（此文件中没有）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="367"/>
        <source>%1 orders</source>
        <translation>%1订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="369"/>
        <source>%1 customer list</source>
        <translation>%1客户列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="400"/>
        <source>Choose the column of: %1.</source>
        <translation>请选择以下字段所在的列：%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="405"/>
        <source>Cells in required columns that cannot be read: %1 (in red; point at one to see why). Check that the right column is chosen.</source>
        <translation>必填列中无法读取的单元格：%1 个（红色显示；鼠标指向可查看原因）。请检查是否选对了列。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="409"/>
        <source>There are no rows under the header row. Check the header row.</source>
        <translation>表头行下面没有数据行。请检查表头行。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="412"/>
        <source>Ready to save.</source>
        <translation>可以保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="415"/>
        <source>Cells in other columns that cannot be read: %1 (in red). The import will refuse the file until they are fixed or their column is set to (not in this file).</source>
        <translation>其他列中无法读取的单元格：%1 个（红色显示）。在修正这些单元格或将其列设为（此文件中没有）之前，导入会拒绝该文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="432"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="465"/>
        <source>The template was not saved: %1</source>
        <translation>模板未保存：%1</translation>
    </message>
</context>
<context>
    <name>MergesView</name>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="39"/>
        <location filename="../../app/views/customers/merges_view.py" line="153"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="40"/>
        <source>They are the same person: make them one customer</source>
        <translation>是同一个人：合并为一位客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="42"/>
        <source>Not the same person</source>
        <translation>不是同一人</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="43"/>
        <source>Never suggest this pair again</source>
        <translation>以后不再建议合并这两位</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="49"/>
        <source>Suggest again</source>
        <translation>重新建议</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="51"/>
        <source>Put the selected pairs back among the suggestions</source>
        <translation>把选中的客户对放回合并建议里</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="57"/>
        <location filename="../../app/views/customers/merges_view.py" line="262"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="58"/>
        <source>Undo the selected merge or split</source>
        <translation>撤销选中的合并或拆分</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="68"/>
        <source>Suggested merges</source>
        <translation>建议合并</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="80"/>
        <source>Rejected pairs</source>
        <translation>已否决的客户对</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="90"/>
        <source>Merges and splits</source>
        <translation>合并与拆分记录</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="108"/>
        <location filename="../../app/views/customers/merges_view.py" line="118"/>
        <location filename="../../app/views/customers/merges_view.py" line="128"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="109"/>
        <location filename="../../app/views/customers/merges_view.py" line="111"/>
        <source>On</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="110"/>
        <source>Same as</source>
        <translation>疑似同一人</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="112"/>
        <location filename="../../app/views/customers/merges_view.py" line="120"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="113"/>
        <location filename="../../app/views/customers/merges_view.py" line="130"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="119"/>
        <source>Not the same as</source>
        <translation>与之不是同一人</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="121"/>
        <source>Rejected</source>
        <translation>否决时间</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="126"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="127"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="129"/>
        <source>With</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="131"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="153"/>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="156"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="156"/>
        <source>In effect</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="161"/>
        <source>%1 pairs to check</source>
        <translation>%1 对待确认</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="170"/>
        <source>Same name and phone</source>
        <translation>姓名和手机号相同</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="171"/>
        <source>Same name and phone on a Youzan / CRM list</source>
        <translation>有赞 / CRM 名单里姓名和手机号相同</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="172"/>
        <source>Same WeCom contact</source>
        <translation>同一个企业微信联系人</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="173"/>
        <source>Same WeChat contact</source>
        <translation>同一个微信联系人</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="174"/>
        <source>Merged by hand</source>
        <translation>手动合并</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="175"/>
        <source>Split by hand</source>
        <translation>手动拆分</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="217"/>
        <source>Merge customers</source>
        <translation>合并客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="220"/>
        <source>Merged %1 pairs</source>
        <translation>已合并 %1 对</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="233"/>
        <source>%1 pairs will not be suggested again</source>
        <translation>%1 对以后不再建议</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="248"/>
        <source>%1 pairs may be suggested again</source>
        <translation>%1 对客户会重新出现在合并建议里</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/merges_view.py" line="264"/>
        <source>Undid the %1 of %2 and %3</source>
        <translation>已撤销 %2 与 %3 的%1</translation>
    </message>
</context>
<context>
    <name>MissingKey</name>
    <message>
        <location filename="../../app/views/dialogs/missing_key.py" line="22"/>
        <location filename="../../app/views/dialogs/missing_key.py" line="57"/>
        <source>The shop&apos;s key is missing</source>
        <translation>找不到店铺数据的密钥</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/missing_key.py" line="24"/>
        <source>%1 is encrypted, and its key is not in this computer&apos;s keyring (a new computer or Windows account?). Nothing was changed.

Choose the key file you saved when you encrypted it. Without the key, the data cannot be opened.</source>
        <translation>%1 已加密，但这台电脑的系统钥匙串里没有它的密钥（是不是换了电脑或 Windows 账户？）。数据没有任何改动。

请选择加密时保存的密钥文件。没有密钥，这些数据无法打开。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/missing_key.py" line="32"/>
        <source>Choose the key file…</source>
        <translation>选择密钥文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/missing_key.py" line="42"/>
        <source>Choose the key file</source>
        <translation>选择密钥文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/missing_key.py" line="44"/>
        <source>Key files (*.txt)</source>
        <translation>密钥文件 (*.txt)</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <location filename="../../app/views/content/calendar_grids.py" line="391"/>
        <source>+%1 more</source>
        <translation>还有 %1 条</translation>
    </message>
</context>
<context>
    <name>MultiSelectButton</name>
    <message>
        <location filename="../../app/views/widgets/multi_select.py" line="43"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/multi_select.py" line="94"/>
        <location filename="../../app/views/widgets/multi_select.py" line="98"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/multi_select.py" line="96"/>
        <source>%1 selected</source>
        <translation>已选 %1 项</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/multi_select.py" line="97"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>NeedsView</name>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="50"/>
        <source>Reviews and comments</source>
        <translation>评价和评论</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="51"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="52"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="53"/>
        <source>Complaints only</source>
        <translation>只看差评和抱怨</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="54"/>
        <source>Reviews scored 2 or less, or with a negative keyword</source>
        <translation>2 分及以下的评价，或带负面关键词的</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="55"/>
        <source>Count</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="57"/>
        <source>Add to content plan</source>
        <translation>加入内容规划</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="58"/>
        <source>Turn the chosen term into a video idea in the plan</source>
        <translation>把选中的词变成内容规划里的一个视频选题</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="63"/>
        <source>Word or phrase</source>
        <translation>词或短语</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="64"/>
        <source>Texts</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="65"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="66"/>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="98"/>
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="123"/>
        <source>Counted once per text: how many buyers said it, not how often.</source>
        <translation>每条只计一次：统计的是多少买家提到，而不是提到多少遍。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="125"/>
        <source>No repeated words in this period.</source>
        <translation>这段时间没有反复出现的词。</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="132"/>
        <source>Choose a word or phrase first</source>
        <translation>请先选一个词或短语</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/needs_view.py" line="141"/>
        <source>Added “%1” to the content plan</source>
        <translation>已把“%1”加入内容规划</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../app/views/tabs/overview_tab.py" line="66"/>
        <source>Filter rows…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/overview_tab.py" line="157"/>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/overview_tab.py" line="157"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/overview_tab.py" line="155"/>
        <source>%1 of %2 rows</source>
        <translation>%1 / %2 行</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../app/views/widgets/period_picker.py" line="81"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/period_picker.py" line="82"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/period_picker.py" line="83"/>
        <source>Last 90 days</source>
        <translation>近 90 天</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/period_picker.py" line="84"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/period_picker.py" line="85"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/period_picker.py" line="92"/>
        <source>Custom range</source>
        <translation>自定义时间段</translation>
    </message>
</context>
<context>
    <name>PersonaEditor</name>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="361"/>
        <source>e.g. 精致宝妈</source>
        <translation>例如：精致宝妈</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="363"/>
        <source>e.g. 25-34岁</source>
        <translation>例如：25-34岁</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="365"/>
        <source>e.g. 女 80% / 男 20%</source>
        <translation>例如：女 80% / 男 20%</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="373"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="374"/>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="375"/>
        <source>Gender mix</source>
        <translation>性别比例</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="376"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="377"/>
        <source>Interests</source>
        <translation>兴趣爱好</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="378"/>
        <source>Pain points</source>
        <translation>痛点</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="379"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="415"/>
        <source>Delete the audience “%1”? Its plan items stay, without an audience.</source>
        <translation>删除目标人群“%1”？相关选题会保留，只是不再关联这个人群。</translation>
    </message>
</context>
<context>
    <name>PickDialog</name>
    <message>
        <location filename="../../app/views/content/pick_dialog.py" line="62"/>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
</context>
<context>
    <name>PillarEditor</name>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="279"/>
        <source>e.g. 穿搭教程, 开箱测评</source>
        <translation>例如：穿搭教程、开箱测评</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="282"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="296"/>
        <source>What videos in this pillar cover</source>
        <translation>这个方向的视频主要讲什么</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="300"/>
        <source>How your take differs, e.g. “30 秒学会…” instead of long tutorials</source>
        <translation>你和别人做得不一样的地方，例如用“30秒学会…”代替长教程</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="302"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="303"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="304"/>
        <source>What it covers</source>
        <translation>内容范围</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="305"/>
        <source>Differentiation</source>
        <translation>差异化</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="335"/>
        <source>Delete the pillar “%1”? Its plan items and videos stay, without a pillar.</source>
        <translation>删除内容方向“%1”？相关选题和视频会保留，只是不再归到这个方向下。</translation>
    </message>
</context>
<context>
    <name>PlanErrors</name>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="13"/>
        <source>A plan item needs a title.</source>
        <translation>选题要有标题。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="14"/>
        <source>The title is longer than 200 characters.</source>
        <translation>标题超过了200个字。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="15"/>
        <source>Unknown production stage.</source>
        <translation>不认识的制作阶段。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="16"/>
        <source>Unknown content type (original, challenge or duet).</source>
        <translation>不认识的内容类型（只能是原创、挑战赛或合拍）。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="17"/>
        <source>Unknown platform.</source>
        <translation>不认识的平台。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="18"/>
        <source>The target length must be a positive number of seconds.</source>
        <translation>目标时长要填大于0的秒数。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="19"/>
        <source>The target length is longer than three hours.</source>
        <translation>目标时长超过了3小时。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="20"/>
        <source>The A/B group label is longer than 20 characters.</source>
        <translation>A/B 分组名称超过了20个字。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="21"/>
        <source>A scheduled item needs a planned publish time.</source>
        <translation>已排期的选题需要填计划发布时间。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="22"/>
        <source>This no longer exists; reload the plan.</source>
        <translation>这条记录已经不存在了，请刷新内容计划。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="23"/>
        <source>A name is required.</source>
        <translation>请填写名称。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="24"/>
        <source>The name is longer than 60 characters.</source>
        <translation>名称超过了60个字。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="25"/>
        <source>Another entry already has this name.</source>
        <translation>已经有同名的了，换个名字吧。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="26"/>
        <source>A colour looks like #4e79a7.</source>
        <translation>颜色格式应该像 #4e79a7 这样。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="27"/>
        <source>A template needs at least one step.</source>
        <translation>脚本模板至少要有一个步骤。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="28"/>
        <source>The suggested length must be a positive number of seconds.</source>
        <translation>建议时长要填大于0的秒数。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_errors.py" line="29"/>
        <source>This video is not in the store; reload the plan.</source>
        <translation>店铺数据里找不到这条视频，请刷新内容计划。</translation>
    </message>
</context>
<context>
    <name>PlanItemDialog</name>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="87"/>
        <source>New plan item</source>
        <translation>新建选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="87"/>
        <source>Plan item</source>
        <translation>选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="102"/>
        <source>What the video is about</source>
        <translation>这条视频讲什么</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="104"/>
        <source>What is said or shown in the first 3 seconds</source>
        <translation>前3秒说什么、拍什么</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="105"/>
        <source>No pillar</source>
        <translation>不选内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="106"/>
        <source>No audience</source>
        <translation>不选目标人群</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="107"/>
        <source>No structure</source>
        <translation>不用脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="110"/>
        <source>One step per line; choosing a structure fills its steps in</source>
        <translation>每行一个步骤；选了脚本模板会自动填入它的步骤</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="114"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="115"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="118"/>
        <source>No product</source>
        <translation>不挂商品</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="122"/>
        <source>Planned for</source>
        <translation>计划发布</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="129"/>
        <source>Use this time</source>
        <translation>用这个时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="137"/>
        <source>Challenge (挑战赛)</source>
        <translation>挑战赛</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="138"/>
        <source>Duet (合拍)</source>
        <translation>合拍</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="140"/>
        <source>e.g. A or B, to compare two versions</source>
        <translation>例如 A 或 B，用来对比两个版本</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="177"/>
        <location filename="../../app/views/content/plan_editor.py" line="332"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="178"/>
        <location filename="../../app/views/content/plan_editor.py" line="333"/>
        <source>Hook (first 3 s)</source>
        <translation>开头钩子（前3秒）</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="179"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="180"/>
        <source>Audience</source>
        <translation>目标人群</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="181"/>
        <source>Structure</source>
        <translation>脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="182"/>
        <location filename="../../app/views/content/plan_editor.py" line="334"/>
        <source>Script outline</source>
        <translation>脚本大纲</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="183"/>
        <source>Target length</source>
        <translation>目标时长</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="195"/>
        <source>Platforms</source>
        <translation>发布平台</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="196"/>
        <source>Product to sell</source>
        <translation>带货商品</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="197"/>
        <location filename="../../app/views/content/plan_editor.py" line="335"/>
        <source>Publish time</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="201"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="202"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="203"/>
        <location filename="../../app/views/content/plan_editor.py" line="336"/>
        <source>A/B group</source>
        <translation>A/B 分组</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="204"/>
        <location filename="../../app/views/content/plan_editor.py" line="337"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="218"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="326"/>
        <source>This is their version now: make your change again, then save.</source>
        <translation>现在显示的是对方保存的版本：请重新改一遍再保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="375"/>
        <source>Not enough posts yet to recommend a time for this day.</source>
        <translation>这一天对应的历史视频还太少，暂时推荐不出发布时间。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="395"/>
        <source>Delete plan item</source>
        <translation>删除选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_editor.py" line="396"/>
        <source>Delete “%1”? Videos linked to it stay, unlinked.</source>
        <translation>删除“%1”？已关联的视频会保留，只是取消关联。</translation>
    </message>
</context>
<context>
    <name>PlanListView</name>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="246"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="249"/>
        <source>All pillars</source>
        <translation>全部内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="250"/>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="253"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="257"/>
        <source>Search titles, hooks, products…</source>
        <translation>搜索标题、钩子、商品…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="261"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="262"/>
        <source>Save the rows shown here as an Excel file</source>
        <translation>把当前列表里显示的选题保存成 Excel 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="264"/>
        <source>Print week…</source>
        <translation>打印本周…</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="265"/>
        <source>Print this week&apos;s plan as a one-page sheet</source>
        <translation>把这一周的计划打印成一页排期表</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="272"/>
        <source>Planned</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="273"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="274"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="275"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="276"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="277"/>
        <source>Audience</source>
        <translation>目标人群</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="278"/>
        <source>Structure</source>
        <translation>脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="279"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="280"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="281"/>
        <source>A/B group</source>
        <translation>A/B 分组</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="282"/>
        <source>Length (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="283"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="284"/>
        <source>Hook</source>
        <translation>开头钩子</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="352"/>
        <source>%1 of %2 items</source>
        <translation>%1 / %2 条选题</translation>
    </message>
    <message>
        <location filename="../../app/views/content/plan_list.py" line="352"/>
        <source>%1 items</source>
        <translation>%1 条选题</translation>
    </message>
</context>
<context>
    <name>PositioningView</name>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="564"/>
        <source>Content pillars</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="565"/>
        <source>Audiences</source>
        <translation>目标人群</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="566"/>
        <source>Structure templates</source>
        <translation>脚本模板</translation>
    </message>
</context>
<context>
    <name>PrivateView</name>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="33"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="34"/>
        <location filename="../../app/views/customers/private_view.py" line="43"/>
        <location filename="../../app/views/customers/private_view.py" line="54"/>
        <location filename="../../app/views/customers/private_view.py" line="169"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="35"/>
        <location filename="../../app/views/customers/private_view.py" line="156"/>
        <source>In private channels</source>
        <translation>已进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="36"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="44"/>
        <source>How many</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="45"/>
        <location filename="../../app/views/customers/private_view.py" line="55"/>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="46"/>
        <location filename="../../app/views/customers/private_view.py" line="56"/>
        <source>LTV (avg net spend)</source>
        <translation>LTV（人均净消费）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="53"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="71"/>
        <source>Each tier in private channels</source>
        <translation>各分层进私域的情况</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="73"/>
        <source>Private channel vs the rest</source>
        <translation>私域客户与其他客户对比</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="75"/>
        <source>By channel</source>
        <translation>按私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="101"/>
        <source>(no tier)</source>
        <translation>（无分层）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="120"/>
        <source>%1 of %2 buyers are in a private channel (%3)</source>
        <translation>%2 位购买客户中有 %1 位已进私域（%3）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="128"/>
        <source>In a private channel</source>
        <translation>已进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="128"/>
        <location filename="../../app/views/customers/private_view.py" line="159"/>
        <source>Not yet</source>
        <translation>未进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/private_view.py" line="143"/>
        <source>No tiers yet.</source>
        <translation>还没有分层。</translation>
    </message>
</context>
<context>
    <name>ProductsView</name>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="64"/>
        <source>Per product</source>
        <translation>按商品</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="64"/>
        <source>Per SKU</source>
        <translation>按规格</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="75"/>
        <source>Search products</source>
        <translation>搜索商品</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="78"/>
        <source>Import costs…</source>
        <translation>导入成本…</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="80"/>
        <source>Read cost prices from a CSV or Excel file: 商品ID, 规格 (optional), 成本价</source>
        <translation>从 CSV 或 Excel 文件读取成本价：商品ID、规格（可选）、成本价</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="83"/>
        <location filename="../../app/views/conversion/products_view.py" line="185"/>
        <source>products</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="91"/>
        <source>Double-click a unit cost to enter it (e.g. 12.50); an empty cost removes it. Costs give margin, profit and break-even ROAS.</source>
        <translation>双击单位成本即可填写（例如 12.50）；清空即删除。有了成本才能算出毛利率、利润和保本 ROAS。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="105"/>
        <source>Best sellers (GMV)</source>
        <translation>畅销商品（按成交额）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="106"/>
        <source>Weakest sellers (GMV)</source>
        <translation>滞销商品（按成交额）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="134"/>
        <source>SKU</source>
        <translation>规格</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="136"/>
        <location filename="../../app/views/conversion/products_view.py" line="159"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="138"/>
        <location filename="../../app/views/conversion/products_view.py" line="160"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="139"/>
        <location filename="../../app/views/conversion/products_view.py" line="161"/>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="140"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="141"/>
        <location filename="../../app/views/conversion/products_view.py" line="162"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="142"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="143"/>
        <location filename="../../app/views/conversion/products_view.py" line="163"/>
        <source>Refund rate</source>
        <translation>退款率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="146"/>
        <source>Unit cost ✎</source>
        <translation>单位成本 ✎</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="149"/>
        <source>Your cost price per unit: double-click to edit</source>
        <translation>你的单件成本价：双击编辑</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="151"/>
        <source>Cost of goods</source>
        <translation>商品成本</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="152"/>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="153"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="154"/>
        <source>Videos that sold it</source>
        <translation>带货视频数</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="210"/>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="211"/>
        <source>“%1” is not a price (e.g. 12.50): %2</source>
        <translation>“%1”不是有效价格（例如 12.50）：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="217"/>
        <source>Cost of %1 saved</source>
        <translation>%1 的成本已保存</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="232"/>
        <source>Import costs</source>
        <translation>导入成本</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="233"/>
        <source>No cost was imported: %1</source>
        <translation>没有导入任何成本：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="237"/>
        <source>Costs imported: %1 new, %2 changed, %3 unchanged</source>
        <translation>成本已导入：新增 %1 条，修改 %2 条，未变 %3 条</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="255"/>
        <source>Import cost prices</source>
        <translation>导入成本价</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/products_view.py" line="257"/>
        <source>Tables (*.csv *.xlsx *.xls)</source>
        <translation>表格文件 (*.csv *.xlsx *.xls)</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="42"/>
        <source>Cover with the headline numbers</source>
        <translation>封面（核心数字）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="43"/>
        <source>Key figures against last month</source>
        <translation>核心指标（对比上月）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="44"/>
        <source>Traffic trend</source>
        <translation>流量趋势</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="45"/>
        <source>Top and bottom videos</source>
        <translation>爆款与低谷视频</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="46"/>
        <source>Pillars and templates</source>
        <translation>内容方向与模板</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="47"/>
        <source>Funnel and attribution</source>
        <translation>转化漏斗与归因</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="48"/>
        <source>Ad ROI and the content-to-cash ledger</source>
        <translation>广告回报与内容回款</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="49"/>
        <source>Customers by tier and tier movement</source>
        <translation>客户分层与层级变化</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="50"/>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="51"/>
        <source>Campaigns and their uplift</source>
        <translation>营销活动效果</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="52"/>
        <source>Negative reviews and reply times</source>
        <translation>差评与回复速度</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="53"/>
        <source>Next month&apos;s content plan</source>
        <translation>下月内容计划</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="54"/>
        <source>Recommendations</source>
        <translation>行动建议</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="93"/>
        <source>The printer could not start.</source>
        <translation>打印机无法启动。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="98"/>
        <source>The printer refused a new page.</source>
        <translation>打印机拒绝了新的一页。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="154"/>
        <source>Monthly report</source>
        <translation>月度报告</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="164"/>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="165"/>
        <source>Report language:</source>
        <translation>报告语言：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="167"/>
        <source>Sections</source>
        <translation>包含的部分</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="179"/>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="180"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="181"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="183"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="197"/>
        <source>There is nothing to report yet: import some exports first.</source>
        <translation>还没有可以生成报告的数据：请先导入平台导出的文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="246"/>
        <source>Choose at least one section.</source>
        <translation>请至少选择一个部分。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="258"/>
        <source>Making the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/views/dialogs/report_dialog.py" line="270"/>
        <source>%n page(s) ready.</source>
        <translation>
            <numerusform>%n 页已就绪。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="278"/>
        <source>The report could not be made: %1</source>
        <translation>报告生成失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="291"/>
        <source>Report preview</source>
        <translation>报告预览</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="316"/>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="316"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/report_dialog.py" line="328"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>RetentionLabels</name>
    <message>
        <location filename="../../app/views/retention/labels.py" line="8"/>
        <source>Win-back</source>
        <translation>老客召回</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="9"/>
        <source>Weekly live preview</source>
        <translation>每周直播预告</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="10"/>
        <source>Festival benefit</source>
        <translation>节日福利</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="11"/>
        <source>New product</source>
        <translation>上新通知</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="12"/>
        <source>UGC: post &amp; win</source>
        <translation>晒单有礼</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="15"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="16"/>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="17"/>
        <source>WeChat group</source>
        <translation>微信群</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="18"/>
        <source>Direct message</source>
        <translation>私信</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="19"/>
        <source>App push</source>
        <translation>App 推送</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="22"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="23"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="24"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="25"/>
        <source>Replied</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="26"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="27"/>
        <source>Review</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="28"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="29"/>
        <source>By hand</source>
        <translation>手动记录</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="30"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="31"/>
        <source>Group chat</source>
        <translation>社群</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="34"/>
        <source>Every Monday</source>
        <translation>每周一</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="35"/>
        <source>Every Tuesday</source>
        <translation>每周二</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="36"/>
        <source>Every Wednesday</source>
        <translation>每周三</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="37"/>
        <source>Every Thursday</source>
        <translation>每周四</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="38"/>
        <source>Every Friday</source>
        <translation>每周五</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="39"/>
        <source>Every Saturday</source>
        <translation>每周六</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="40"/>
        <source>Every Sunday</source>
        <translation>每周日</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="64"/>
        <source>Once</source>
        <translation>仅一次</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/labels.py" line="65"/>
        <source>Every day</source>
        <translation>每天</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="31"/>
        <source>No buyers yet.

Drop your order exports (抖店 订单, TikTok Shop orders …) on this window: slipping customers, campaigns and reviews appear here.</source>
        <translation>还没有购买客户。

把订单导出文件（抖店 订单、TikTok Shop 订单 …）拖到这个窗口：流失客户、活动和评价会显示在这里。</translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="58"/>
        <source>Slipping customers</source>
        <translation>流失预警客户</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="59"/>
        <source>Past their warning window without an order or a touch</source>
        <translation>超过预警天数没下单也没触达</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="62"/>
        <source>Valuable ones slipping</source>
        <translation>高价值客户流失</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="63"/>
        <source>VIP or high-value tier, or the top 20 % by spend</source>
        <translation>VIP、高价值分层，或消费前 20% 的客户</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="65"/>
        <source>Campaigns sent</source>
        <translation>已发活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="67"/>
        <source>Best uplift</source>
        <translation>最佳提升</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="68"/>
        <source>Treatment response rate minus holdout response rate</source>
        <translation>触达组响应率减去对照组响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="71"/>
        <source>Open alerts</source>
        <translation>待处理预警</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="71"/>
        <source>Negative reviews and comments not replied to</source>
        <translation>还没回复的负面评价和评论</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="82"/>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="83"/>
        <source>Campaigns</source>
        <translation>召回活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="84"/>
        <source>UGC</source>
        <translation>晒单</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="85"/>
        <source>Needs insight</source>
        <translation>需求洞察</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="86"/>
        <source>Crisis watch</source>
        <translation>舆情监控</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="149"/>
        <source>Win-back</source>
        <translation>老客召回</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/retention_view.py" line="152"/>
        <source>{name}, we miss you! Here is a coupon: {coupon}</source>
        <translation>{name}，好久不见！送你一张优惠券：{coupon}</translation>
    </message>
</context>
<context>
    <name>RfmView</name>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="96"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="97"/>
        <source>Quintiles (ranked 1–5)</source>
        <translation>五分位（按排名打 1–5 分）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="98"/>
        <source>Thresholds (small shop)</source>
        <translation>固定门槛（小店适用）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="103"/>
        <source>Quintiles rank buyers against each other; with fewer than 200 buyers fixed thresholds say more. Automatic picks for you.</source>
        <translation>五分位是客户之间互相排名；购买客户少于 200 位时，固定门槛更有参考意义。选“自动”会帮你挑。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="113"/>
        <source>Save as the shop&apos;s default</source>
        <translation>设为店铺默认</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="119"/>
        <location filename="../../app/views/customers/rfm_view.py" line="147"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="119"/>
        <location filename="../../app/views/customers/rfm_view.py" line="149"/>
        <source>Revenue</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="140"/>
        <source>Click a cell to list its customers in the ledger</source>
        <translation>点击格子，在客户台账里查看这些客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="146"/>
        <source>Segment</source>
        <translation>客群</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="148"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="150"/>
        <source>Who</source>
        <translation>哪些客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="155"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="156"/>
        <source>Scores</source>
        <translation>打分方式</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="157"/>
        <source>Days since order (R 5/4/3/2)</source>
        <translation>未下单天数（R 5/4/3/2）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="158"/>
        <source>Paid orders (F 2/3/4/5)</source>
        <translation>支付订单数（F 2/3/4/5）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="159"/>
        <source>Spend in ¥ (M 2/3/4/5)</source>
        <translation>消费金额 ¥（M 2/3/4/5）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="169"/>
        <source>Recency (rows, 5 = most recent) × frequency (columns)</source>
        <translation>最近购买（行，5 = 最近）× 购买频次（列）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="210"/>
        <source>Thresholds are four numbers, e.g. 30, 60, 90, 180</source>
        <translation>门槛需要填 4 个数字，如 30, 60, 90, 180</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="227"/>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="229"/>
        <source>Saved the RFM settings</source>
        <translation>已保存 RFM 设置</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="283"/>
        <source>%1 buyers scored by quintile (ties share a score).</source>
        <translation>按五分位给 %1 位购买客户打分（数值相同的同分）。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/rfm_view.py" line="285"/>
        <source>%1 buyers scored by the thresholds on the left.</source>
        <translation>按左侧门槛给 %1 位购买客户打分。</translation>
    </message>
</context>
<context>
    <name>ServiceErrors</name>
    <message>
        <location filename="../../app/views/service_errors.py" line="24"/>
        <source>The shop needs a name (it is printed on reports).</source>
        <translation>店铺需要一个名称（会印在月报上）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="25"/>
        <source>Account %1</source>
        <translation>第 %1 个账号</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="26"/>
        <source>%1: unknown platform %2.</source>
        <translation>%1：未知平台 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="27"/>
        <source>%1: the account handle is empty.</source>
        <translation>%1：账号 ID 没有填写。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="28"/>
        <source>%1: unknown currency %2.</source>
        <translation>%1：未知币种 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="29"/>
        <source>%1: unknown time zone %2.</source>
        <translation>%1：未知时区 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="30"/>
        <source>%1: %2 %3 is listed twice.</source>
        <translation>%1：%2 账号 %3 重复填写了。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="32"/>
        <source>There is no campaign #%1.</source>
        <translation>找不到活动 #%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="33"/>
        <source>The campaign has not been sent yet: mark it as sent first.</source>
        <translation>这个活动还没发送：请先标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="36"/>
        <source>Give the campaign a name.</source>
        <translation>请给活动起个名字。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="37"/>
        <source>Unknown goal %1.</source>
        <translation>未知的活动目的 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="38"/>
        <source>Unknown channel %1.</source>
        <translation>未知的触达渠道 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="39"/>
        <source>The holdout share must be between 0 % and 50 %.</source>
        <translation>对照组比例须在 0% 到 50% 之间。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="40"/>
        <source>The response window must be 1 to 90 days.</source>
        <translation>响应窗口须为 1 到 90 天。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="41"/>
        <source>The cost cannot be negative.</source>
        <translation>成本不能是负数。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="42"/>
        <source>The segment is empty: no customer matches its rules.</source>
        <translation>没有客户符合这些条件，发送名单是空的。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="43"/>
        <source>Draw the target groups first.</source>
        <translation>请先抽取分组。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="44"/>
        <source>The campaign was sent: its groups are fixed.</source>
        <translation>活动已发送，分组不能再改。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="45"/>
        <source>The campaign is already marked as sent.</source>
        <translation>这个活动已经标记为已发送。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="46"/>
        <source>A sent campaign cannot be edited: copy it into a new one.</source>
        <translation>已发送的活动不能修改：请复制成一个新活动再改。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="48"/>
        <source>%1 must be a whole number of at least 0, not %2</source>
        <translation>%1 须为不小于 0 的整数，不能是 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="49"/>
        <source>The template has a lone brace: %1</source>
        <translation>消息内容里有不成对的花括号：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="50"/>
        <source>Unknown placeholder {%1}: use %2</source>
        <translation>未知的占位符 {%1}：可用的有 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="52"/>
        <source>A warning window must be 1 to 365 days.</source>
        <translation>预警天数须为 1 到 365 天。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="53"/>
        <source>Unknown tier: %1</source>
        <translation>未知分层：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="54"/>
        <source>Give the post&apos;s text, link or order number.</source>
        <translation>请填写晒单的文字、链接或订单号。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="55"/>
        <source>Choose a term first.</source>
        <translation>请先选一个词。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="56"/>
        <source>There is no alert #%1.</source>
        <translation>找不到预警 #%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="57"/>
        <source>An alert cannot be answered before it opened.</source>
        <translation>预警出现之前不能标记为已回复。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="59"/>
        <source>A customer cannot be paired with itself.</source>
        <translation>客户不能和自己配对。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="60"/>
        <source>There is no customer #%1.</source>
        <translation>找不到客户 #%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="61"/>
        <source>A customer cannot be merged with itself.</source>
        <translation>客户不能和自己合并。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="62"/>
        <source>Customer #%1 is already part of customer #%2; merge that one instead.</source>
        <translation>客户 #%1 已并入客户 #%2，请改为合并 #%2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="66"/>
        <source>Choose the identities to split off.</source>
        <translation>请选择要拆出的身份。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="67"/>
        <source>Customer #%1 is part of #%2; split that.</source>
        <translation>客户 #%1 已并入 #%2，请在 #%2 上拆分。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="68"/>
        <source>Identity #%1 is not one of customer #%2&apos;s.</source>
        <translation>身份 #%1 不属于客户 #%2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="69"/>
        <source>At least one identity must stay with the customer.</source>
        <translation>客户至少要保留一个身份。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="70"/>
        <source>There is no merge #%1.</source>
        <translation>找不到合并记录 #%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="71"/>
        <source>Merge #%1 was already undone.</source>
        <translation>合并记录 #%1 已经撤销过了。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="72"/>
        <source>Customer #%1 is no longer part of #%2; nothing to undo.</source>
        <translation>客户 #%1 已不属于 #%2，没有可撤销的。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="73"/>
        <source>Customer #%1 changed since the split; undo that first.</source>
        <translation>客户 #%1 在拆分后又有变动，请先撤销那次变动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="74"/>
        <source>Customer #%1 was merged again since the split.</source>
        <translation>客户 #%1 在拆分后又被合并了。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="75"/>
        <source>Unknown private channel %1; use one of %2.</source>
        <translation>未知的私域渠道 %1；可选：%2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="76"/>
        <source>The list %1 is over 20 MB; split it into smaller lists.</source>
        <translation>名单 %1 超过 20 MB：请拆成几份小名单。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="77"/>
        <source>The list %1 cannot be read: %2.</source>
        <translation>名单 %1 无法读取：%2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="78"/>
        <source>The list %1 is empty.</source>
        <translation>名单 %1 是空的。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="79"/>
        <source>The list %1 is not text (UTF-8 or GBK); save it as .txt or .csv.</source>
        <translation>名单 %1 不是文本（UTF-8 或 GBK）：请另存为 .txt 或 .csv。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="82"/>
        <source>The list %1 is not a text file; save it as .txt, .csv or .xlsx.</source>
        <translation>名单 %1 不是文本文件：请另存为 .txt、.csv 或 .xlsx。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="85"/>
        <source>The list %1 is not a readable Excel workbook.</source>
        <translation>名单 %1 不是能读取的 Excel 文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="86"/>
        <source>There is no tier %1; the tiers are: %2.</source>
        <translation>没有分层 %1；现有分层：%2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="87"/>
        <source>There is no RFM segment %1; the segments are: %2.</source>
        <translation>没有 RFM 客群 %1；现有客群：%2。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="88"/>
        <source>Export to a .xlsx or .csv file, not %1.</source>
        <translation>请导出为 .xlsx 或 .csv 文件，不能是 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="90"/>
        <source>Tier rule %1 needs a name.</source>
        <translation>第 %1 条分层规则需要名称。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="91"/>
        <source>Two tier rules are called %1; tier names must differ.</source>
        <translation>有两条分层规则都叫 %1，分层名称不能重复。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="92"/>
        <source>%1: top share must be above 0 and at most 1 (0.2 = top 20 %).</source>
        <translation>%1：排名比例须大于 0、不超过 1（0.2 表示前 20%）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="95"/>
        <source>%1: discount must be from 0 to under 100 %.</source>
        <translation>%1：折扣须在 0% 到 100% 之间（不含 100%）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="96"/>
        <source>%1: unknown channel %2 (%3).</source>
        <translation>%1：未知渠道 %2（%3）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="97"/>
        <source>Tier rule %1 no longer exists; reload the rules.</source>
        <translation>分层规则 %1 已不存在，请重新载入规则。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="99"/>
        <source>Give the template a name.</source>
        <translation>请给映射模板起个名字。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="100"/>
        <source>Choose the platform the rows come from.</source>
        <translation>请选择这些数据来自哪个平台。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="101"/>
        <source>Map a column to %1.</source>
        <translation>请为 %1 对应一列。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="102"/>
        <source>The header row has no column %1.</source>
        <translation>表头里没有 %1 这一列。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="104"/>
        <source>Give the experiment a name.</source>
        <translation>请给测试起个名字。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="105"/>
        <source>Choose what the experiment measures.</source>
        <translation>请选择测试要比较的指标。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="106"/>
        <source>Unknown status.</source>
        <translation>未知状态。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="107"/>
        <source>An experiment needs at least two variants.</source>
        <translation>一个测试至少需要两个版本。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="108"/>
        <source>Variants are keyed A, B, C … in order.</source>
        <translation>版本须按 A、B、C … 依次编号。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="109"/>
        <source>Give every variant a name.</source>
        <translation>请给每个版本起名字。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="110"/>
        <source>The planned size must be at least 1.</source>
        <translation>计划样本量至少为 1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="111"/>
        <source>Must be between 0 and 1 (e.g. 0.8).</source>
        <translation>须在 0 到 1 之间（例如 0.8）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="112"/>
        <source>The smallest effect is a rate difference, e.g. 0.01.</source>
        <translation>最小效果是两个比率之差，例如 0.01。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="113"/>
        <source>The experiment cannot end before it starts.</source>
        <translation>测试的结束时间不能早于开始时间。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="114"/>
        <source>This experiment no longer exists.</source>
        <translation>这个测试已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="116"/>
        <source>Choose the platform that sells the product.</source>
        <translation>请选择销售这个商品的平台。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="117"/>
        <source>Enter the product&apos;s id (商品ID).</source>
        <translation>请填写商品ID。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="118"/>
        <source>The cost price is not an amount.</source>
        <translation>成本价不是有效金额。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="119"/>
        <source>The cost price must be an amount of 0 or more.</source>
        <translation>成本价须为 0 或以上的金额。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="120"/>
        <source>The currency must be a code such as CNY or USD.</source>
        <translation>币种须为 CNY、USD 这样的代码。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="121"/>
        <source>Enter the code as it appears on the orders.</source>
        <translation>请按订单上的写法填写这个码。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="122"/>
        <source>Give the code a name (e.g. 门店扫码券).</source>
        <translation>请给这个码起个名字（例如 门店扫码券）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="123"/>
        <source>The path must be direct or indirect.</source>
        <translation>路径须为直接或间接。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="124"/>
        <source>This code is already defined.</source>
        <translation>这个码已经设置过了。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="125"/>
        <source>This channel code no longer exists.</source>
        <translation>这个渠道码已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="126"/>
        <source>No header row names the product id and the cost price. Put headers such as 商品ID, 规格, 成本价 (or product id, sku, cost) in the first row.</source>
        <translation>找不到写明商品ID和成本价的表头。请在第一行写上 商品ID、规格、成本价 这样的表头。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="131"/>
        <source>The file has headers but no cost rows.</source>
        <translation>文件只有表头，没有成本数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="132"/>
        <source>This product and SKU is already on row %1.</source>
        <translation>这个商品和规格已经在第 %1 行出现过。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="133"/>
        <source>The product id is empty.</source>
        <translation>商品ID为空。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="134"/>
        <source>The product id is not usable.</source>
        <translation>商品ID无法使用。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="135"/>
        <source>Unknown platform.</source>
        <translation>未知平台。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="136"/>
        <source>Unknown currency.</source>
        <translation>未知币种。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="138"/>
        <source>There is no store at %1 to back up.</source>
        <translation>%1 处没有数据库，无法备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="139"/>
        <source>Not enough free disk space for a backup of %1 (%2 MB free, about %3 MB needed). Free some space; no backup was made and none was deleted.</source>
        <translation>磁盘空间不足，无法备份 %1（剩余 %2 MB，约需 %3 MB）。请先清理空间；这次没有备份，也没有删除任何旧备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="144"/>
        <source>The backup of %1 does not pass SQLite&apos;s integrity check (%2); the store itself may be damaged. Run `shopreel check`.</source>
        <translation>%1 的备份没有通过 SQLite 完整性检查（%2），数据库本身可能已损坏。请运行 `shopreel check` 检查。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="149"/>
        <source>Could not copy %1: %2</source>
        <translation>无法复制 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="150"/>
        <source>The changed copy of %1 does not verify: %2</source>
        <translation>%1 修改后的副本校验未通过：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="151"/>
        <source>%1 cannot be restored: %2. Nothing was changed.</source>
        <translation>无法恢复 %1：%2。数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="152"/>
        <source>The copy of %1 does not verify (%2).</source>
        <translation>%1 的副本校验未通过（%2）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="153"/>
        <source>%1 is open in another program (ShopReel, or a `shopreel` command). Close it and try again; nothing was changed.</source>
        <translation>%1 正被其他程序打开（另一个短视频经营台窗口，或 `shopreel` 命令）。请关闭后再试；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="158"/>
        <source>%1 is already encrypted; nothing was changed.</source>
        <translation>%1 已经加密过了；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="159"/>
        <source>%1 is not encrypted; nothing was changed.</source>
        <translation>%1 没有加密；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="160"/>
        <source>This installation of ShopReel has no encryption support (pip install &apos;shopreel[encryption]&apos;); nothing was changed.</source>
        <translation>当前安装的短视频经营台不支持加密（需要 `pip install &apos;shopreel[encryption]&apos;`）；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="165"/>
        <source>The converted copy of %1 did not verify (%2); nothing was replaced.</source>
        <translation>%1 转换后的副本校验未通过（%2）；原数据没有被替换。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="168"/>
        <source>There is no key for %1 in this computer&apos;s keyring.</source>
        <translation>这台电脑的系统钥匙串里没有 %1 的密钥。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="169"/>
        <source>Could not read the key file %1: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="170"/>
        <source>%1 is not a ShopReel key file; nothing was changed.</source>
        <translation>%1 不是短视频经营台的密钥文件；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="171"/>
        <source>The key in %1 does not open %2 (%3); nothing was changed.</source>
        <translation>%1 中的密钥打不开 %2（%3）；数据没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="172"/>
        <source>%1 is a database, but not a ShopReel store; it was not changed.</source>
        <translation>%1 是数据库文件，但不是短视频经营台的数据库；没有做任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="176"/>
        <source>The store %1 does not exist.</source>
        <translation>数据库 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="177"/>
        <source>%1 is encrypted and its key is not in this computer&apos;s keyring (or it is damaged beyond recognition). If you encrypted it, import the key file you saved then (Settings, or shopreel key-import FILE). Nothing was read or changed.</source>
        <translation>%1 已加密，但这台电脑的系统钥匙串里没有它的密钥（或者文件已损坏到无法识别）。如果是你加密的，请导入加密时保存的密钥文件（在“设置”里导入）。没有读取或改动任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="183"/>
        <source>%1 is encrypted and the key kept for it does not open it (%2): the key is wrong, or the file is damaged. Nothing was changed.</source>
        <translation>%1 已加密，但保存的密钥打不开它（%2）：密钥不对，或者文件已损坏。没有做任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="188"/>
        <source>%1 is encrypted, and this installation of ShopReel cannot open encrypted stores. Install it with encryption support (pip install &apos;shopreel[encryption]&apos;).</source>
        <translation>%1 已加密，而当前安装的短视频经营台打不开加密的数据库。请安装带加密支持的版本（`pip install &apos;shopreel[encryption]&apos;`）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="193"/>
        <source>This computer&apos;s keyring cannot be used (%1). Encrypted stores keep their key there; nothing was changed.</source>
        <translation>这台电脑的系统钥匙串无法使用（%1）。加密数据库的密钥要保存在那里；没有做任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="199"/>
        <source>There is no customer #%1; nothing was changed.</source>
        <translation>找不到客户 #%1；没有做任何改动。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="200"/>
        <source>There is no store at %1.</source>
        <translation>%1 处没有数据库。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="202"/>
        <source>The team server %1 cannot be reached: %2</source>
        <translation>连不上团队服务器 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="203"/>
        <source>Upgrading the store %1 from schema %2 failed (%3). The upgrade was rolled back and nothing was changed.%4</source>
        <translation>把数据库 %1 从第 %2 版结构升级时失败了（%3）。升级已回滚，没有做任何改动。%4</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="208"/>
        <source> A backup made just before is at %1.</source>
        <translation>升级前刚做的备份在 %1。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="209"/>
        <source>%1 cannot be reached: %2</source>
        <translation>连不上 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="210"/>
        <source>A team server&apos;s address looks like postgresql://user:password@host:5432/shop.</source>
        <translation>团队服务器的地址应写成 postgresql://user:password@host:5432/shop 这样。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="214"/>
        <source>The address needs the server&apos;s host and the database&apos;s name (postgresql://user:password@host:5432/shop).</source>
        <translation>地址里要写明服务器主机和数据库名（postgresql://user:password@host:5432/shop）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="219"/>
        <source>The keyring could not keep the password (%1).</source>
        <translation>系统钥匙串没能保存密码（%1）。</translation>
    </message>
    <message>
        <location filename="../../app/views/service_errors.py" line="220"/>
        <source>This installation of ShopReel cannot reach a team server: its PostgreSQL driver is missing (pip install &apos;shopreel[team]&apos;).</source>
        <translation>当前安装的短视频经营台连不上团队服务器：缺少 PostgreSQL 驱动（`pip install &apos;shopreel[team]&apos;`）。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="41"/>
        <source>Asia/Shanghai</source>
        <translation>北京时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="42"/>
        <source>Asia/Hong_Kong</source>
        <translation>香港时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="43"/>
        <source>Asia/Singapore</source>
        <translation>新加坡时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="44"/>
        <source>Asia/Bangkok</source>
        <translation>曼谷时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="45"/>
        <source>Asia/Jakarta</source>
        <translation>雅加达时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="46"/>
        <source>Asia/Tokyo</source>
        <translation>东京时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="47"/>
        <source>Europe/London</source>
        <translation>伦敦时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="48"/>
        <source>America/New_York</source>
        <translation>纽约时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="49"/>
        <source>America/Chicago</source>
        <translation>芝加哥时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="50"/>
        <source>America/Los_Angeles</source>
        <translation>洛杉矶时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="51"/>
        <source>America/Sao_Paulo</source>
        <translation>圣保罗时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="79"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="82"/>
        <source>Printed on your monthly reports</source>
        <translation>会印在月度报告上</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="86"/>
        <source>Handle / ID</source>
        <translation>账号 / ID</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="87"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="88"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="89"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="90"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="100"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="106"/>
        <source>Mask customer names in exports and reports</source>
        <translation>导出文件和报告中隐藏客户姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="108"/>
        <source>Show 张** instead of 张三 in the files and reports you share</source>
        <translation>在分享的文件和报告中显示“张**”，而不是“张三”</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="118"/>
        <source>Add account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="120"/>
        <source>Remove account</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="126"/>
        <source>Shop profile</source>
        <translation>店铺资料</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="128"/>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="132"/>
        <source>Platform accounts (money is never added across currencies):</source>
        <translation>平台账号（不同币种的金额不会相加）：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="136"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="138"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="139"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="143"/>
        <source>Phone numbers are always kept masked (138****5678).</source>
        <translation>手机号始终以脱敏形式保存（138****5678）。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="171"/>
        <source>e.g. 李娜</source>
        <translation>例如 李娜</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="172"/>
        <source>Shown next to the changes you make, for everyone sharing the store</source>
        <translation>共用店铺数据的同事会在你改过的内容旁看到这个名字</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="174"/>
        <source>You</source>
        <translation>我的信息</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="176"/>
        <source>Your name</source>
        <translation>你的名字</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="188"/>
        <source>Save the key to a file…</source>
        <translation>把密钥保存到文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="195"/>
        <source>Encryption of the store is not available: this installation has no SQLCipher support (install shopreel[encryption]).</source>
        <translation>无法加密店铺数据：当前安装的版本不含 SQLCipher 加密组件（请安装 `shopreel[encryption]`）。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="199"/>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="209"/>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="222"/>
        <source>Encrypt this store…</source>
        <translation>加密店铺数据…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="205"/>
        <source>Encryption of the store is not available: this computer has no keyring to keep the key in.</source>
        <translation>无法加密店铺数据：这台电脑没有可用的系统钥匙串来保存密钥。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="214"/>
        <source>This store is encrypted; its key is in this computer&apos;s keyring.</source>
        <translation>店铺数据已加密，密钥保存在这台电脑的系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="216"/>
        <source>Decrypt this store…</source>
        <translation>取消加密…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="220"/>
        <source>This store is not encrypted: anyone who gets the file can read it.</source>
        <translation>店铺数据未加密：任何拿到这个文件的人都能查看。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="228"/>
        <source>Encrypting protects your customers and orders if this computer or its disk is lost or stolen. The store and its backups are encrypted with a key kept in this computer&apos;s keyring.

If the key is lost (a new Windows account, a reinstalled system, another computer) the data cannot be opened by anyone, not even by us. You will now save the key to a file: keep it somewhere safe, away from this computer (a USB stick, a password manager).

Encrypt this store?</source>
        <translation>加密后，即使电脑或硬盘丢失、被盗，客户和订单数据也不会泄露。店铺数据和备份会用一把密钥加密，密钥保存在这台电脑的系统钥匙串中。

密钥一旦丢失（例如换了 Windows 账户、重装系统、换了电脑），这些数据任何人都打不开，我们也无法恢复。接下来请把密钥保存到一个文件，并放在这台电脑以外的安全地方（U 盘、密码管理器等）。

确定要加密店铺数据吗？</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="236"/>
        <source>Encrypt this store</source>
        <translation>加密店铺数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="241"/>
        <source>The store and its backups will be plain files again: anyone who gets them can read your customers and orders. The key stays in the keyring.

Decrypt this store?</source>
        <translation>店铺数据和备份将恢复为未加密的普通文件：任何拿到这些文件的人都能查看客户和订单。密钥仍保留在系统钥匙串中。

确定要取消加密吗？</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="244"/>
        <source>Decrypt this store</source>
        <translation>取消加密</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="334"/>
        <source>Select an account first.</source>
        <translation>请先选择一个账号。</translation>
    </message>
</context>
<context>
    <name>StorePlace</name>
    <message>
        <location filename="../../app/views/store_place.py" line="24"/>
        <source>The store is in a %1 folder. Sync apps copy the database while ShopReel is writing to it, which can damage it. Keep the store in a folder on this computer that is not synced; ShopReel makes its own backups.</source>
        <translation>数据库放在 %1 同步文件夹里。同步软件会在短视频经营台写入时复制数据库，可能把它弄坏。请把数据库放到本机上不同步的文件夹里；备份由短视频经营台自动完成。</translation>
    </message>
    <message>
        <location filename="../../app/views/store_place.py" line="31"/>
        <source>The store is on a network drive (%1). A database can be damaged when it is written over the network. Keep the store in a folder on this computer; ShopReel makes its own backups.</source>
        <translation>数据库放在网络驱动器上（%1）。通过网络写入时数据库可能损坏。请把数据库放到本机的文件夹里；备份由短视频经营台自动完成。</translation>
    </message>
    <message>
        <location filename="../../app/views/store_place.py" line="42"/>
        <source>⚠ Store not on a local disk</source>
        <translation>⚠ 数据库不在本地磁盘</translation>
    </message>
    <message>
        <location filename="../../app/views/store_place.py" line="53"/>
        <source>Where the store is kept</source>
        <translation>数据库存放位置</translation>
    </message>
</context>
<context>
    <name>StoreSection</name>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="52"/>
        <source>Store</source>
        <translation>数据存储</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="63"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="65"/>
        <source>Use this server</source>
        <translation>使用这台服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="67"/>
        <source>Back to this computer&apos;s store</source>
        <translation>切回本机数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="80"/>
        <source>Everyone on the team uses the same server. The password is kept in this computer&apos;s keyring.</source>
        <translation>团队成员共用同一台服务器。密码保存在这台电脑的系统钥匙串里。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="84"/>
        <source>Everyone on the team uses the same server. This computer has no keyring: the password is kept in ShopReel&apos;s settings file.</source>
        <translation>团队成员共用同一台服务器。这台电脑没有系统钥匙串：密码保存在短视频经营台的设置文件里。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="90"/>
        <source>This window shows</source>
        <translation>当前窗口显示</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="91"/>
        <source>Team server</source>
        <translation>团队服务器</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="115"/>
        <source>A team server&apos;s address looks like postgresql://user:password@host:5432/shop.</source>
        <translation>团队服务器地址的格式是 postgresql://用户名:密码@主机:5432/数据库名。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="127"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="140"/>
        <source>Cannot connect: %1</source>
        <translation>连接失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="146"/>
        <source>Connected: PostgreSQL %1. The database is empty: ShopReel sets it up when you use it.</source>
        <translation>已连接：PostgreSQL %1。数据库是空的，开始使用时短视频经营台会自动建好。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="150"/>
        <source>Connected: PostgreSQL %1. ShopReel schema %2, shop “%3”.</source>
        <translation>已连接：PostgreSQL %1。短视频经营台数据结构版本 %2，店铺“%3”。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/store_section.py" line="152"/>
        <source>Connected: PostgreSQL %1. ShopReel schema %2, no shop name yet.</source>
        <translation>已连接：PostgreSQL %1。短视频经营台数据结构版本 %2，尚未填写店铺名称。</translation>
    </message>
</context>
<context>
    <name>SubView</name>
    <message>
        <location filename="../../app/views/retention/sub_view.py" line="45"/>
        <source>Retention</source>
        <translation>留存活动</translation>
    </message>
</context>
<context>
    <name>TableExporter</name>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="63"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="64"/>
        <source>Save the rows shown as an Excel or CSV file</source>
        <translation>把当前显示的行保存为 Excel 或 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="80"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="100"/>
        <source>Exporting %1 rows to %2…</source>
        <translation>正在导出 %1 行到 %2…</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="114"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="120"/>
        <source>Could not export to %1: %2</source>
        <translation>无法导出到 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="124"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="132"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="132"/>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 编码 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/table_exporter.py" line="62"/>
        <source>Export the table</source>
        <translation>导出表格</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="426"/>
        <source>Add built-in structures</source>
        <translation>恢复内置模板</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="428"/>
        <source>Add ShopReel&apos;s proven structures that are not in your list yet</source>
        <translation>把短视频经营台内置的成熟结构中你列表里还没有的加回来</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="449"/>
        <source>Add step</source>
        <translation>添加步骤</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="451"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="453"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="455"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="466"/>
        <source>In order; double-click a step to edit it, drag to reorder.</source>
        <translation>按顺序排列；双击步骤可以修改，拖动可以调整顺序。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="471"/>
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="472"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="475"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="476"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="477"/>
        <source>Suggested length</source>
        <translation>建议时长</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="478"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="508"/>
        <source>Delete the structure “%1”? Plan items made with it keep their outline.</source>
        <translation>删除脚本模板“%1”？用它做的选题会保留脚本大纲。</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="512"/>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="513"/>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../../app/views/content/positioning_view.py" line="521"/>
        <source>New step</source>
        <translation>新步骤</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="46"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="47"/>
        <source>Customer list</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="69"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="120"/>
        <source>Saved column mappings</source>
        <translation>已保存的列映射</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="128"/>
        <source>Files whose columns match a saved mapping are recognised and imported with it. Point at a mapping&apos;s columns to see which field each one fills.</source>
        <translation>列与已保存映射相同的文件会被自动识别，并按该映射导入。将鼠标指向映射的列，可查看每一列对应的字段。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="137"/>
        <source>No saved mappings yet. When a file is not recognised, choose Map columns… in the import window.</source>
        <translation>还没有保存的列映射。文件无法识别时，请在导入窗口中选择“映射列…”。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="151"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="153"/>
        <source>Forget the selected mapping; the rows imported with it stay</source>
        <translation>删除所选映射；用它导入的数据会保留</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="156"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="173"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="174"/>
        <source>Imports as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="175"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="176"/>
        <source>File columns it recognises</source>
        <translation>识别的文件列</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="177"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="212"/>
        <source>Delete the saved mapping “%1”?

Rows already imported with it stay in the store. Files with this layout will no longer be recognised until you map their columns again.</source>
        <translation>删除已保存的映射“%1”吗？

已用它导入的数据仍保留在数据库中。此后这种格式的文件将不再被识别，直到你重新映射它的列。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="218"/>
        <source>Delete mapping</source>
        <translation>删除映射</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/templates_dialog.py" line="278"/>
        <source>The saved mappings cannot be read or changed: %1</source>
        <translation>无法读取或修改已保存的映射：%1</translation>
    </message>
</context>
<context>
    <name>TierMovementPanel</name>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="52"/>
        <source>Tier movement</source>
        <translation>分层变动</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="56"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="75"/>
        <source>(no tier)</source>
        <translation>（无分层）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="124"/>
        <source>No tier changes in the last months yet.</source>
        <translation>最近几个月还没有分层变动。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="132"/>
        <source>Moved up</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="133"/>
        <source>New in a tier</source>
        <translation>新进入分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="140"/>
        <source>Slipped</source>
        <translation>降级</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_movement.py" line="144"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
</context>
<context>
    <name>TierRuleDialog</name>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="49"/>
        <source>Tier rule</source>
        <translation>分层规则</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="51"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="53"/>
        <source> orders</source>
        <translation> 单</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="63"/>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="64"/>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="82"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="66"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="67"/>
        <source>Any private channel</source>
        <translation>任一私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="71"/>
        <source>All the conditions set</source>
        <translation>满足所有已设条件</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="72"/>
        <source>Any one of them</source>
        <translation>满足其中任一条件</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="79"/>
        <source>Priority shipping</source>
        <translation>优先发货</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="82"/>
        <source>shop default</source>
        <translation>店铺默认</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="99"/>
        <source>Who is in this tier</source>
        <translation>哪些客户属于这一层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="101"/>
        <source>Paid orders at least</source>
        <translation>支付订单至少</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="102"/>
        <source>Net spend at least</source>
        <translation>净消费至少</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="103"/>
        <source>Among the top spenders</source>
        <translation>消费金额排名前</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="104"/>
        <source>First order within</source>
        <translation>首单在最近</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="105"/>
        <source>No order or contact for</source>
        <translation>未下单且未触达已满</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="106"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="107"/>
        <source>Must meet</source>
        <translation>需满足</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="108"/>
        <source>What this tier gets</source>
        <translation>这一层享受的权益</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="113"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="115"/>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="116"/>
        <source>Other benefits</source>
        <translation>其他权益</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="117"/>
        <source>Churn warning after</source>
        <translation>流失预警天数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="124"/>
        <source>Tier name</source>
        <translation>分层名称</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="162"/>
        <source>pays %1 %</source>
        <translation>即 %2 折</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tier_rule_dialog.py" line="167"/>
        <source>The tier needs a name.</source>
        <translation>请给这一层起个名字。</translation>
    </message>
</context>
<context>
    <name>TiersView</name>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="61"/>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="62"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="63"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="64"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="65"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="66"/>
        <source>Show customers</source>
        <translation>查看客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="67"/>
        <source>Use the default tiers</source>
        <translation>使用默认分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="69"/>
        <source>新客, 老客, 高价值, VIP, 流失预警 and 已流失 with their usual benefits</source>
        <translation>新客、老客、高价值、VIP、流失预警和已流失，附带常用权益</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="82"/>
        <source>Save and recompute</source>
        <translation>保存并重新分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="84"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="86"/>
        <source>Recompute now</source>
        <translation>立即重新分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="87"/>
        <source>Apply the saved rules to today&apos;s data</source>
        <translation>按已保存的规则，用今天的数据重新分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="95"/>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="96"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="97"/>
        <source>Who</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="98"/>
        <source>Benefits</source>
        <translation>权益</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="99"/>
        <source>Customers now</source>
        <translation>当前客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="104"/>
        <source>From</source>
        <translation>原分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="105"/>
        <source>To</source>
        <translation>新分层</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="106"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="125"/>
        <source>Tier rules (the first that matches wins)</source>
        <translation>分层规则（从上往下，先匹配的生效）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="131"/>
        <source>Who moves if you save</source>
        <translation>保存后哪些客户会变动</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="165"/>
        <source>%1+ paid orders</source>
        <translation>支付订单 ≥ %1 笔</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="168"/>
        <source>%1+ spent</source>
        <translation>净消费 ≥ %1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="171"/>
        <source>top %1 by spend</source>
        <translation>消费金额前 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="174"/>
        <source>first order within %1 days</source>
        <translation>首单在 %1 天内</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="177"/>
        <source>no order or contact for %1 days</source>
        <translation>%1 天未下单且未触达</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="179"/>
        <source>any private channel</source>
        <translation>任一私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="180"/>
        <source>in %1</source>
        <translation>在%1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="182"/>
        <source>every other buyer</source>
        <translation>其余所有购买客户</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="183"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="183"/>
        <source> and </source>
        <translation> 且 </translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="190"/>
        <source>%1 % off</source>
        <translation>%1% 折扣</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="192"/>
        <source>priority shipping</source>
        <translation>优先发货</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="194"/>
        <source>gift: %1</source>
        <translation>赠品：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="197"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="201"/>
        <source>(no tier)</source>
        <translation>（无分层）</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="250"/>
        <source>No changes yet: edit a rule to see who would move.</source>
        <translation>还没有修改：编辑规则后，这里会显示哪些客户会变动。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="253"/>
        <source>No tier rules yet: start from the default tiers, or add your own. Nobody gets a tier until the rules are saved.</source>
        <translation>还没有分层规则：可以从默认分层开始，也可以自己添加。保存规则之前，客户不会被分层。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="266"/>
        <source>%1 customers would change tier.</source>
        <translation>将有 %1 位客户变更分层。</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="331"/>
        <source>Tier rules</source>
        <translation>分层规则</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="337"/>
        <source>Saved the tier rules: %1 customers changed tier</source>
        <translation>已保存分层规则：%1 位客户分层有变</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="351"/>
        <source>Rules you changed: %1</source>
        <translation>你改过的规则：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="385"/>
        <source>Recomputed tiers: %1 customers changed tier</source>
        <translation>已重新分层：%1 位客户分层有变</translation>
    </message>
    <message>
        <location filename="../../app/views/customers/tiers_view.py" line="400"/>
        <source>New tier</source>
        <translation>新分层</translation>
    </message>
</context>
<context>
    <name>TimeSlotsView</name>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="38"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="39"/>
        <source>Orders per view</source>
        <translation>单次播放成交</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="40"/>
        <source>Pay rate</source>
        <translation>支付率</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="52"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="59"/>
        <source>Ad return per weekday (spend is reported per day)</source>
        <translation>每周各天的投放回报（投放数据按天统计）</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="75"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="76"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="77"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="78"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="79"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="80"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="81"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="86"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="87"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="88"/>
        <source>Ad GMV</source>
        <translation>广告成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="89"/>
        <source>ROAS</source>
        <translation>ROAS</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="90"/>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="90"/>
        <source>(Ad GMV − spend) / spend</source>
        <translation>（广告成交额 − 消耗）÷ 消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="105"/>
        <source>No orders in this period</source>
        <translation>这段时间没有订单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="119"/>
        <source>No best slots yet: no paid orders in this period.</source>
        <translation>暂无最佳时段：这段时间没有支付订单。</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="124"/>
        <source>%1 orders</source>
        <translation>%1 单</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/time_slots_view.py" line="126"/>
        <source>Best slots: %1. Post and spend just before them.</source>
        <translation>最佳时段：%1。建议在这些时段前发布视频、开始投放。</translation>
    </message>
</context>
<context>
    <name>TopicsView</name>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="47"/>
        <source>Hashtags</source>
        <translation>话题标签</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="47"/>
        <source>Keywords</source>
        <translation>标题关键词</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="52"/>
        <source>Leave out topics with fewer videos</source>
        <translation>视频数少于此数的话题不显示</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="59"/>
        <source>Median views show what a typical video with the topic gets; one hit does not make a topic.</source>
        <translation>播放量中位数代表带这个话题的一条普通视频能拿到的播放，单条爆款不代表话题好。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="67"/>
        <source>At least</source>
        <translation>至少</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="69"/>
        <source>videos</source>
        <translation>条视频</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="104"/>
        <source>Counting the topics of %1 videos…</source>
        <translation>正在统计 %1 条视频的话题…</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="117"/>
        <source>No hashtags used by enough videos in this selection.</source>
        <translation>当前筛选下，没有被足够多视频使用的话题标签。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="119"/>
        <source>No title keywords shared by enough videos in this selection.</source>
        <translation>当前筛选下，没有被足够多视频标题共用的关键词。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/topics_view.py" line="137"/>
        <source>Could not count the topics: %1</source>
        <translation>无法统计话题：%1</translation>
    </message>
</context>
<context>
    <name>TrafficLabels</name>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="36"/>
        <source>Videos published</source>
        <translation>发布视频</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="37"/>
        <source>Videos published in the period (by publish time)</source>
        <translation>此期间发布的视频数（按发布时间）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="41"/>
        <location filename="../../app/views/traffic/labels.py" line="282"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="42"/>
        <source>Views of the videos published in the period, as their newest export shows them</source>
        <translation>此期间发布的视频的播放量，以最新一次导出为准</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="49"/>
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="50"/>
        <source>Likes of the videos published in the period</source>
        <translation>此期间发布的视频获得的点赞数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="54"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="55"/>
        <source>Comments on the videos published in the period</source>
        <translation>此期间发布的视频获得的评论数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="59"/>
        <source>Shares</source>
        <translation>分享</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="60"/>
        <source>Shares of the videos published in the period</source>
        <translation>此期间发布的视频被分享的次数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="64"/>
        <source>Favorites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="65"/>
        <source>Times the videos published in the period were saved</source>
        <translation>此期间发布的视频被收藏的次数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="69"/>
        <source>Interaction rate</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="70"/>
        <source>(likes + comments + shares + favorites) / views</source>
        <translation>（点赞 + 评论 + 分享 + 收藏）/ 播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="74"/>
        <source>Completion rate</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="75"/>
        <source>Share of views watched to the end: view-weighted mean of the videos&apos; completion rates</source>
        <translation>看完整条视频的播放占比：各视频完播率按播放量加权平均</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="82"/>
        <source>5 s completion</source>
        <translation>5秒完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="83"/>
        <source>Share of views that lasted 5 seconds: view-weighted mean over the videos</source>
        <translation>观看超过 5 秒的播放占比：按播放量加权平均</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="90"/>
        <source>2 s bounce</source>
        <translation>2秒跳出率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="91"/>
        <source>Share of views that left within 2 seconds</source>
        <translation>2 秒内划走的播放占比</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="95"/>
        <source>Avg. watch time</source>
        <translation>平均观看时长</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="96"/>
        <source>Average seconds watched per view: view-weighted mean over the videos</source>
        <translation>每次播放平均观看的秒数：按播放量加权平均</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="102"/>
        <location filename="../../app/views/traffic/labels.py" line="306"/>
        <source>Followers gained</source>
        <translation>涨粉</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="103"/>
        <source>New followers the videos published in the period brought</source>
        <translation>此期间发布的视频带来的新增粉丝</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="109"/>
        <source>Profile visits</source>
        <translation>主页访问</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="110"/>
        <source>Profile visits from the videos published in the period</source>
        <translation>此期间发布的视频带来的主页访问次数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="117"/>
        <source>Product clicks</source>
        <translation>商品点击</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="118"/>
        <source>Clicks on the product card in the videos</source>
        <translation>视频中商品卡片的点击次数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="176"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="178"/>
        <location filename="../../app/views/traffic/labels.py" line="228"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="180"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="182"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="187"/>
        <source>Format</source>
        <translation>体裁</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="188"/>
        <location filename="../../app/views/traffic/labels.py" line="229"/>
        <source>Pillar</source>
        <translation>内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="189"/>
        <location filename="../../app/views/traffic/labels.py" line="230"/>
        <source>Template</source>
        <translation>脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="185"/>
        <location filename="../../app/views/traffic/labels.py" line="231"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="190"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="192"/>
        <source>Completion</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="200"/>
        <source>Followers</source>
        <translation>涨粉</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="203"/>
        <source>Interaction</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="206"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="208"/>
        <source>Orders the shop export attributes to it</source>
        <translation>店铺订单导出中归因到这条视频的订单</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="214"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="217"/>
        <source>Paid amount of the attributed orders, in their currency</source>
        <translation>归因订单的实付金额（按订单币种）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="232"/>
        <source>Publish hour</source>
        <translation>发布时段</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="233"/>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="236"/>
        <source>under 15 s</source>
        <translation>15秒以内</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="237"/>
        <source>15–30 s</source>
        <translation>15–30秒</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="238"/>
        <source>30–60 s</source>
        <translation>30–60秒</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="239"/>
        <source>1–3 min</source>
        <translation>1–3分钟</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="240"/>
        <source>over 3 min</source>
        <translation>3分钟以上</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="241"/>
        <source>length unknown</source>
        <translation>时长未知</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="244"/>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="245"/>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="246"/>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="247"/>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="248"/>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="249"/>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="250"/>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="252"/>
        <source>No pillar</source>
        <translation>无内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="253"/>
        <source>time unknown</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="254"/>
        <source>No template</source>
        <translation>无脚本模板</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="281"/>
        <source>Videos</source>
        <translation>视频数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="284"/>
        <source>Median views</source>
        <translation>播放量中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="288"/>
        <source>Median completion</source>
        <translation>完播率中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="293"/>
        <source>Median interaction</source>
        <translation>互动率中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="311"/>
        <source>Median followers</source>
        <translation>涨粉中位数</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="320"/>
        <source>Hashtag</source>
        <translation>话题标签</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="322"/>
        <source>Keyword</source>
        <translation>关键词</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="330"/>
        <source>Completion: the top videos keep %1 of viewers to the end, the bottom %2.</source>
        <translation>完播率：前 10 名有 %1 的观众看完，后 10 名只有 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="333"/>
        <source>First 5 seconds: %1 of viewers stay on the top videos, %2 on the bottom.</source>
        <translation>前 5 秒：前 10 名留住了 %1 的观众，后 10 名是 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="337"/>
        <source>Interaction rate: %1 for the top videos against %2 for the bottom.</source>
        <translation>互动率：前 10 名 %1，后 10 名 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="340"/>
        <source>Average watch time: %1 for the top videos against %2 for the bottom.</source>
        <translation>平均观看时长：前 10 名 %1，后 10 名 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="343"/>
        <source>Length: the top videos run %1 (median), the bottom ones %2.</source>
        <translation>时长：前 10 名中位数 %1，后 10 名 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="346"/>
        <source>Followers: a top video brings %1 new followers (median), a bottom one %2.</source>
        <translation>涨粉：前 10 名每条中位涨粉 %1，后 10 名 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="352"/>
        <source>Pillar: %3 of the top videos are “%1” (%4 of the bottom ones, mostly “%2”).</source>
        <translation>内容方向：前 10 名中 %3 是“%1”（后 10 名只有 %4，多为“%2”）。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="356"/>
        <source>Template: %3 of the top videos follow “%1” (%4 of the bottom ones, mostly “%2”).</source>
        <translation>脚本模板：前 10 名中 %3 用的是“%1”（后 10 名只有 %4，多为“%2”）。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="360"/>
        <source>Platform: %3 of the top videos are on %1 (%4 of the bottom, mostly %2).</source>
        <translation>平台：前 10 名中 %3 来自%1（后 10 名只有 %4，多来自%2）。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="363"/>
        <source>Publish time: %3 of the top videos went out around %1 (%4 of the bottom, mostly %2).</source>
        <translation>发布时间：前 10 名中 %3 在 %1 左右发布（后 10 名只有 %4，多在 %2）。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="367"/>
        <source>Weekday: %3 of the top videos went out on %1 (%4 of the bottom, mostly %2).</source>
        <translation>发布日：前 10 名中 %3 在%1发布（后 10 名只有 %4，多在%2）。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/labels.py" line="372"/>
        <source>%3: %1 for the top videos, %2 for the bottom.</source>
        <translation>%3：前 10 名 %1，后 10 名 %2。</translation>
    </message>
</context>
<context>
    <name>TrafficTab</name>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="31"/>
        <source>No videos yet.

Drop the video lists you export from each platform (作品列表, 视频号 动态数据, 笔记列表, TikTok Content) on this window.</source>
        <translation>还没有视频。

把各平台导出的作品数据（作品列表、视频号动态数据、笔记列表、TikTok 内容数据）拖到本窗口。</translation>
    </message>
</context>
<context>
    <name>TrafficView</name>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="91"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="92"/>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="93"/>
        <source>Comparisons</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="94"/>
        <source>Topics</source>
        <translation>话题</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="95"/>
        <source>Distribution</source>
        <translation>分布</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="213"/>
        <source>Label videos</source>
        <translation>给视频打标签</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="214"/>
        <source>The videos were not labelled: %1</source>
        <translation>未能给视频打标签：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/traffic_view.py" line="221"/>
        <source>Labelled %1 videos</source>
        <translation>已给 %1 条视频打上标签</translation>
    </message>
</context>
<context>
    <name>TrendsView</name>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="36"/>
        <source>Stacked</source>
        <translation>堆叠</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="36"/>
        <source>Side by side</source>
        <translation>分平台</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="44"/>
        <source>Daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="72"/>
        <source>No daily figures for this period and filter.</source>
        <translation>此期间和筛选条件下没有每日数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="84"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="90"/>
        <source>From the account&apos;s daily export: %1</source>
        <translation>来自账号每日数据导出：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="93"/>
        <source>From differences between video exports: %1</source>
        <translation>由多次作品数据导出的差值推算：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/trends_view.py" line="96"/>
        <source>Not exported by: %1</source>
        <translation>无此数据：%1</translation>
    </message>
</context>
<context>
    <name>UgcDialog</name>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="144"/>
        <source>Record a post</source>
        <translation>记录一条晒单</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="156"/>
        <source>No campaign</source>
        <translation>不属于活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="160"/>
        <source>Posted on</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="161"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="162"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="163"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="164"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="165"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="166"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
</context>
<context>
    <name>UgcView</name>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="43"/>
        <location filename="../../app/views/retention/ugc_view.py" line="57"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="44"/>
        <source>Posts</source>
        <translation>晒单数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="45"/>
        <source>Buyers</source>
        <translation>买家数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="52"/>
        <source>Posted</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="53"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="54"/>
        <source>Found</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="55"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="56"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="58"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="59"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="67"/>
        <source>Match reviews to campaigns</source>
        <translation>把评价匹配到活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="70"/>
        <source>Reviews with photos or video whose order answered a campaign, or that name its coupon code</source>
        <translation>带图或带视频的评价：订单是对活动的响应，或提到了活动券码</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="75"/>
        <source>Record a post…</source>
        <translation>记录晒单…</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="97"/>
        <source>No campaign</source>
        <translation>不属于活动</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="103"/>
        <source>%1 posts by %2 buyers</source>
        <translation>%2 位买家共晒单 %1 条</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/ugc_view.py" line="118"/>
        <source>%1 posts found in reviews</source>
        <translation>从评价中找到 %1 条晒单</translation>
    </message>
</context>
<context>
    <name>VariantEditor</name>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="208"/>
        <source>e.g. 口播种草, hook A, 8 pm posts</source>
        <translation>例如 口播种草、开头钩子 A、晚 8 点发布</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="209"/>
        <source>Videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="209"/>
        <source>Plan items</source>
        <translation>选题</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="212"/>
        <source>Search titles and pillars</source>
        <translation>搜索标题和内容方向</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="221"/>
        <source>Pick all shown</source>
        <translation>全选当前显示</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="223"/>
        <source>Drop all shown</source>
        <translation>取消当前显示</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="225"/>
        <source>Picked only</source>
        <translation>只看已选</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="229"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../app/views/conversion/experiment_dialog.py" line="267"/>
        <source>%1 videos and %2 plan items in this variant</source>
        <translation>本组有 %1 条视频、%2 个选题</translation>
    </message>
</context>
<context>
    <name>VideosView</name>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="72"/>
        <source>Search titles, hashtags, pillars…</source>
        <translation>搜索标题、话题标签、内容方向…</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="88"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="89"/>
        <source>Save the rows and columns shown as an .xlsx file</source>
        <translation>把当前显示的行和列保存为 .xlsx 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="163"/>
        <source>%1 of %2 rows</source>
        <translation>%1 / %2 行</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="165"/>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="165"/>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="246"/>
        <source>%1 (s)</source>
        <translation>%1（秒）</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="248"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="261"/>
        <source>videos</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../app/views/traffic/videos_view.py" line="90"/>
        <source>Export the video table</source>
        <translation>导出视频列表</translation>
    </message>
</context>
<context>
    <name>WeekSheet</name>
    <message>
        <location filename="../../app/views/content/week_sheet.py" line="43"/>
        <source>Content plan, week of %1 – %2</source>
        <translation>内容排期表 %1 – %2</translation>
    </message>
    <message>
        <location filename="../../app/views/content/week_sheet.py" line="143"/>
        <source>Print the week</source>
        <translation>打印本周排期</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../app/views/welcome_page.py" line="22"/>
        <source>Welcome to ShopReel</source>
        <translation>欢迎使用短视频经营台</translation>
    </message>
    <message>
        <location filename="../../app/views/welcome_page.py" line="26"/>
        <source>One picture of your short-video shop: content, traffic, customers and revenue from Douyin, Kuaishou, WeChat Channels, Xiaohongshu and TikTok, kept on this computer.</source>
        <translation>一张图看清你的短视频店铺：抖音、快手、视频号、小红书和 TikTok 的内容、流量、客户与成交，数据只保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../app/views/welcome_page.py" line="37"/>
        <source>Drop your platform exports here

(order lists, video lists, ad reports: Excel or CSV files as you downloaded them)</source>
        <translation>把平台导出的文件拖到这里

（订单、作品数据、投放报表：直接下载的 Excel 或 CSV 文件即可）</translation>
    </message>
    <message>
        <location filename="../../app/views/welcome_page.py" line="46"/>
        <source>Open the demo shop</source>
        <translation>打开示例店铺</translation>
    </message>
    <message>
        <location filename="../../app/views/welcome_page.py" line="49"/>
        <source>Set up my shop…</source>
        <translation>设置我的店铺…</translation>
    </message>
</context>
<context>
    <name>WindowsDialog</name>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="152"/>
        <source>Warning windows</source>
        <translation>预警天数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="155"/>
        <location filename="../../app/views/retention/churn_view.py" line="169"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="158"/>
        <source>Judge repeat buyers by their own rhythm (1.5 × their usual gap)</source>
        <translation>复购客户按各自节奏判断（平时复购间隔的 1.5 倍）</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="162"/>
        <source>Default window</source>
        <translation>默认预警天数</translation>
    </message>
    <message>
        <location filename="../../app/views/retention/churn_view.py" line="168"/>
        <source>Default</source>
        <translation>默认</translation>
    </message>
</context>
</TS>
