<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../app/views/app.py" line="162"/>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/app.py" line="200"/>
        <source>ShopReel already has %1 open (process %2). Switch to that window.</source>
        <translation>短视频经营台已经打开了 %1（进程 %2）。请切换到那个窗口。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="42"/>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="43"/>
        <source>After an import</source>
        <translation>导入之后</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="44"/>
        <source>Before an upgrade</source>
        <translation>升级之前</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="45"/>
        <source>On quitting</source>
        <translation>退出时</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="46"/>
        <source>While you worked</source>
        <translation>使用期间定时</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="47"/>
        <source>Before a restore</source>
        <translation>恢复之前</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="88"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="96"/>
        <source>ShopReel backs up this shop after every import, before an upgrade, every 30 minutes while you work and when you quit. Each backup is checked before it is kept; older ones are thinned to one a day, a week, then a month.
Folder: %1</source>
        <translation>每次导入后、升级前、使用期间每 30 分钟以及退出时，短视频经营台都会自动备份这家店的数据。每份备份都先通过完整性检查才会保留；较早的备份逐步精简为每天、每周、每月各留一份。
备份文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="107"/>
        <source>No backups yet. Choose Back up now to make one.</source>
        <translation>还没有备份。点击“立即备份”做一份。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="116"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="118"/>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="120"/>
        <source>Put the selected backup in place of the shop (the shop is backed up first)</source>
        <translation>用选中的备份替换当前店铺数据（会先备份当前数据）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="123"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="125"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="141"/>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="142"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="143"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="144"/>
        <source>Check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="179"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="182"/>
        <source>OK</source>
        <translation>完好</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="183"/>
        <source>Damaged: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="211"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="222"/>
        <source>Restore the backup made %1?

The shop as it is now is backed up first (it appears in this list as “Before a restore”), then replaced by this backup. Imports and changes made after %1 will no longer show in the shop; they stay in that new backup.</source>
        <translation>要恢复 %1 的备份吗？

当前的店铺数据会先备份一份（在列表里显示为“恢复之前”），然后被这份备份替换。%1 之后的导入和修改将不再出现在店铺里，但仍保存在那份新备份中。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="229"/>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="241"/>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="259"/>
        <source>Backed up and checked: %1</source>
        <translation>已备份并通过检查：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/backups_dialog.py" line="265"/>
        <source>No backup was made: %1</source>
        <translation>没有完成备份：%1</translation>
    </message>
</context>
<context>
    <name>ContentPlanTab</name>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="17"/>
        <source>Ideas</source>
        <translation>创意</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="20"/>
        <source>In production</source>
        <translation>制作中</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="22"/>
        <source>Scripted, shot or edited</source>
        <translation>已写脚本、已拍摄或已剪辑</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="24"/>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="25"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="26"/>
        <source>Next planned post</source>
        <translation>下一条计划发布</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="32"/>
        <source>Planned</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="33"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="34"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="35"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="36"/>
        <source>Pillar</source>
        <translation>内容支柱</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="37"/>
        <source>Audience</source>
        <translation>目标人群</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="38"/>
        <source>Structure</source>
        <translation>结构模板</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="39"/>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="40"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="41"/>
        <source>Hook</source>
        <translation>开头钩子</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/content_tab.py" line="47"/>
        <source>No content planned yet.

Plan items appear here from idea to published; open the demo shop to see a full board.</source>
        <translation>还没有内容计划。

从创意到发布的每条计划都会出现在这里；打开示例店铺可以看到完整的看板。</translation>
    </message>
</context>
<context>
    <name>ConversionTab</name>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="17"/>
        <source>Paid orders</source>
        <translation>支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="18"/>
        <location filename="../../app/views/tabs/conversion_tab.py" line="36"/>
        <source>GMV</source>
        <translation>成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="19"/>
        <location filename="../../app/views/tabs/conversion_tab.py" line="38"/>
        <source>Net GMV</source>
        <translation>净成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="19"/>
        <source>Paid minus refunds</source>
        <translation>支付金额减去退款</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="20"/>
        <source>Refund rate</source>
        <translation>退款率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="21"/>
        <location filename="../../app/views/tabs/conversion_tab.py" line="39"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="22"/>
        <location filename="../../app/views/tabs/conversion_tab.py" line="41"/>
        <source>ROAS</source>
        <translation>ROAS</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="22"/>
        <source>Attributed GMV / ad spend</source>
        <translation>归因成交额 / 广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="28"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="29"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="30"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="31"/>
        <source>Product clicks</source>
        <translation>商品点击</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="32"/>
        <source>Click rate</source>
        <translation>点击率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="33"/>
        <source>Orders</source>
        <translation>下单</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="34"/>
        <source>Paid</source>
        <translation>支付</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="35"/>
        <source>Pay rate</source>
        <translation>支付率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="37"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="40"/>
        <source>Ad GMV</source>
        <translation>广告成交额</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/conversion_tab.py" line="47"/>
        <source>No orders yet.

Drop your 抖店 or TikTok Shop order exports on this window to see the path from views to revenue.</source>
        <translation>还没有订单。

把抖店或 TikTok Shop 的订单导出文件拖到本窗口，就能看到从播放到成交的路径。</translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="19"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="20"/>
        <source>Ad spend</source>
        <translation>广告消耗</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="21"/>
        <source>Account days</source>
        <translation>账号日数据</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="22"/>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../app/views/widgets/coverage_panel.py" line="23"/>
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
    <name>CustomersTab</name>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="17"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="18"/>
        <source>Buyers</source>
        <translation>购买客户</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="20"/>
        <source>Repeat buyers</source>
        <translation>复购客户</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="20"/>
        <source>2 or more paid orders</source>
        <translation>支付订单 2 笔及以上</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="22"/>
        <source>In private channels</source>
        <translation>已进私域</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="23"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="29"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="30"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="31"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="32"/>
        <source>Tier</source>
        <translation>分层</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="33"/>
        <source>Paid orders</source>
        <translation>支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="34"/>
        <source>Net spend</source>
        <translation>净消费</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="35"/>
        <source>First order</source>
        <translation>首单</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="36"/>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="37"/>
        <source>Days silent</source>
        <translation>沉默天数</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="38"/>
        <source>Private channel</source>
        <translation>私域渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="39"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/customers_tab.py" line="45"/>
        <source>No customers yet.

Buyers appear here once orders are imported, one ledger across every platform.</source>
        <translation>还没有客户。

导入订单后，各平台的买家会汇总在这一本客户账里。</translation>
    </message>
</context>
<context>
    <name>DamagedStore</name>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="25"/>
        <source>The shop&apos;s data file is damaged</source>
        <translation>店铺数据文件已损坏</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="27"/>
        <source>ShopReel found damage in %1 and wrote nothing to it. A copy of the damaged file is kept at %2.</source>
        <translation>短视频经营台发现 %1 已损坏，没有再往里写入任何内容。损坏文件的副本已保存在 %2。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="37"/>
        <source>The newest backup that checks out was made %1. Restore it? The shop will show its data as it was then; anything imported after that needs importing again.</source>
        <translation>最近一份通过检查的备份是 %1 做的。要恢复它吗？店铺数据会回到那时的样子；之后导入的文件需要重新导入。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="43"/>
        <source>Restore this backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="48"/>
        <source>No backup that checks out was found. Keep the copy safe; `shopreel check` shows what is damaged.</source>
        <translation>没有找到通过检查的备份。请妥善保存这份副本；运行 `shopreel check` 可以查看损坏情况。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/damaged_store.py" line="79"/>
        <source>The backup was not restored</source>
        <translation>备份没有恢复</translation>
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
        <translation>Overview、Content 和 Follower history</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="128"/>
        <source>Pick the date range, download Overview and Content. Dates in these files have no year: ShopReel works it out and shows it before importing.</source>
        <translation>选择日期范围，下载 Overview 和 Content。这些文件中的日期没有年份：ShopReel 会推算年份，并在导入前显示给您确认。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="136"/>
        <source>TikTok Shop</source>
        <translation>TikTok Shop</translation>
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
        <translation>导入您的私域客户。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/export_guide_dialog.py" line="162"/>
        <source>Import files as you downloaded them. Opening a file in Excel and saving it can turn long order numbers into 6.9E+18 and lose their digits; ShopReel refuses such files and says so.</source>
        <translation>请直接导入下载的原始文件。用 Excel 打开再保存，可能会把很长的订单号变成 6.9E+18 这样的形式并丢失位数；ShopReel 会拒绝这类文件并说明原因。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="112"/>
        <location filename="../../app/views/dialogs/file_pickers.py" line="28"/>
        <source>Import platform exports</source>
        <translation>导入平台导出文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="131"/>
        <source>Select a file to see its notes.</source>
        <translation>选择一个文件以查看说明。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="140"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="142"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="144"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="146"/>
        <source>Map columns…</source>
        <translation>映射列…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="149"/>
        <source>Tell ShopReel which column of this table holds what, and save it as a template</source>
        <translation>告诉 ShopReel 这张表的每一列是什么，并保存为模板</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="159"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="160"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="161"/>
        <source>Export</source>
        <translation>导出类型</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="162"/>
        <source>Dates</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="163"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="164"/>
        <source>What it does</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="249"/>
        <source>Cancelling: rolling back the current file…</source>
        <translation>正在取消：回滚当前文件…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="282"/>
        <source>Checking %1 of %2: %3</source>
        <translation>正在检查第 %1/%2 个：%3</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="284"/>
        <source>Importing %1 of %2: %3</source>
        <translation>正在导入第 %1/%2 个：%3</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="314"/>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="335"/>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="338"/>
        <source>Import 1 file</source>
        <translation>导入 1 个文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="338"/>
        <source>Import %1 files</source>
        <translation>导入 %1 个文件</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="362"/>
        <source>Checking the files. Nothing is written until you click Import.</source>
        <translation>正在检查文件。点击“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="365"/>
        <source>No files to import were found. ShopReel reads the Excel and CSV files downloaded from the platforms.</source>
        <translation>没有找到可导入的文件。ShopReel 读取从各平台下载的 Excel 和 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="370"/>
        <source>This is what each file will do. Files already imported and files that cannot be read are left out.</source>
        <translation>以下是每个文件导入后的效果。已导入过的文件和无法读取的文件会被跳过。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="375"/>
        <source>Importing. Cancel rolls back the file being imported; files already imported stay.</source>
        <translation>正在导入。取消会回滚正在导入的文件；已导入的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="378"/>
        <source>Import cancelled. Files imported before the cancel stay.</source>
        <translation>导入已取消。取消之前导入的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="379"/>
        <source>Import finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="389"/>
        <source>%1 to import</source>
        <translation>%1 个待导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="389"/>
        <source>%1 imported</source>
        <translation>%1 个已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="392"/>
        <source>%1 already imported</source>
        <translation>%1 个之前已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="393"/>
        <source>%1 rejected</source>
        <translation>%1 个被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="394"/>
        <source>%1 cancelled</source>
        <translation>%1 个已取消</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="397"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="397"/>
        <source>Nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="406"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="406"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="407"/>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="409"/>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="411"/>
        <source>Already imported</source>
        <translation>之前已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="414"/>
        <source>Cancelled: nothing written</source>
        <translation>已取消：未写入任何数据</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="414"/>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="415"/>
        <source>%1 new, %2 updated, %3 unchanged</source>
        <translation>新增 %1，更新 %2，未变 %3</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="417"/>
        <source>, %4 skipped</source>
        <translation>，跳过 %4</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="420"/>
        <source>Imported: %1</source>
        <translation>已导入：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="454"/>
        <source>Rejected: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="458"/>
        <source>Click “Map columns…” to tell ShopReel which column holds what. Files with the same columns are then recognised automatically.</source>
        <translation>点击“映射列…”，告诉 ShopReel 每一列是什么。之后列相同的文件会被自动识别。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="465"/>
        <source>Data as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="467"/>
        <source>Notes:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/import_dialog.py" line="511"/>
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
        <location filename="../../app/views/import_errors.py" line="24"/>
        <source>an ID (letters and digits, no spaces)</source>
        <translation>一个编号（字母和数字，不含空格）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="25"/>
        <source>the full ID as text: Excel turned this ID into a number and its last digits are lost; re-export the file from the platform, and do not open and re-save it in Excel</source>
        <translation>以文本形式保存的完整编号：Excel 把这个编号变成了数字，末尾几位已丢失；请从平台重新导出文件，不要用 Excel 打开后再保存</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="30"/>
        <source>the ID as plain digits: Excel shows it as a number with thousands separators; re-export the file from the platform, and do not open and re-save it in Excel</source>
        <translation>不带分隔符的纯数字编号：Excel 把它显示成了带千位分隔符的数字；请从平台重新导出文件，不要用 Excel 打开后再保存</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="35"/>
        <source>a whole number</source>
        <translation>一个整数</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="36"/>
        <source>a number like 1,234.5</source>
        <translation>一个数字，如 1,234.5</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="37"/>
        <source>an amount of money like ¥1,299.00, 12.50元 or BRL 35,91</source>
        <translation>一个金额，如 ¥1,299.00、12.50元 或 BRL 35,91</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="38"/>
        <source>a percentage like 35.2% or a ratio like 0.352</source>
        <translation>一个百分比（如 35.2%）或比例（如 0.352）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="39"/>
        <source>a ratio between 0 and 1</source>
        <translation>0 到 1 之间的比例</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="40"/>
        <source>a percentage between 0 and 100</source>
        <translation>0 到 100 之间的百分比</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="41"/>
        <source>yes or no (是/否)</source>
        <translation>是或否</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="42"/>
        <source>a date and time like 2026-08-03 14:05:00</source>
        <translation>一个日期时间，如 2026-08-03 14:05:00</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="43"/>
        <source>a duration like 21.46秒, 1:05, 1:02:03 or 2分30秒</source>
        <translation>一个时长，如 21.46秒、1:05、1:02:03 或 2分30秒</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="44"/>
        <source>a date like August 9, 3月25日 or 2026-08-09</source>
        <translation>一个日期，如 8月9日、3月25日 或 2026-08-09</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="45"/>
        <source>an unambiguous date like 2026-08-03 (in this date either number could be the day)</source>
        <translation>不会产生歧义的日期，如 2026-08-03（这个日期中两个数字都可能是“日”）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="54"/>
        <source>the file is too large to open on this computer: export a shorter date range</source>
        <translation>文件太大，这台电脑无法打开：请缩短日期范围后重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="58"/>
        <source>the file was not found: it may have been moved</source>
        <translation>找不到文件：它可能已被移动</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="59"/>
        <source>this is a folder, not a file</source>
        <translation>这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="60"/>
        <source>the file cannot be opened: close it in Excel or WPS (or check its permissions) and try again</source>
        <translation>无法打开文件：请在 Excel 或 WPS 中关闭它（或检查文件权限）后重试</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="65"/>
        <source>the file is empty: export it again from the platform</source>
        <translation>文件是空的：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="66"/>
        <source>the file holds no data: export it again from the platform</source>
        <translation>文件中没有数据：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="67"/>
        <source>this is an Excel 2003 XML spreadsheet: open it in Excel and save it as .xlsx</source>
        <translation>这是 Excel 2003 XML 表格：请用 Excel 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="71"/>
        <source>the HTML table is malformed: export the file again</source>
        <translation>HTML 表格格式有误：请重新导出文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="72"/>
        <source>the file is password-protected: save it without a password, then import it</source>
        <translation>文件设有密码保护：请去掉密码另存后再导入</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="76"/>
        <source>this Excel 97-2003 (.xls) file could not be read (it may be damaged, or a WPS .et file): open it in Excel or WPS, save it as .xlsx and import that</source>
        <translation>无法读取这个 Excel 97-2003（.xls）文件（可能已损坏，或是 WPS 的 .et 文件）：请用 Excel 或 WPS 打开，另存为 .xlsx 后导入</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="82"/>
        <source>not a spreadsheet or CSV file: choose the .xlsx, .xls or .csv file exported from the platform</source>
        <translation>不是表格或 CSV 文件：请选择从平台导出的 .xlsx、.xls 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="87"/>
        <source>the file is damaged or incomplete: download or export it again</source>
        <translation>文件已损坏或不完整：请重新下载或导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="90"/>
        <source>this .xls file is damaged (its header is invalid): export it again, or open it in Excel and save it as .xlsx</source>
        <translation>这个 .xls 文件已损坏（文件头无效）：请重新导出，或用 Excel 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="95"/>
        <source>the workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes; it was not opened for safety: export it again from the platform</source>
        <translation>工作簿含有 Excel 从不写入的 XML 声明（DOCTYPE/ENTITY），为安全起见未打开：请从平台重新导出</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="100"/>
        <source>this is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx</source>
        <translation>这是二进制 Excel 工作簿（.xlsb）：请用 Excel 打开并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="104"/>
        <source>this is a Word document, not a spreadsheet: not a spreadsheet or CSV file: choose the .xlsx, .xls or .csv file exported from the platform</source>
        <translation>这是 Word 文档，不是表格：请选择从平台导出的 .xlsx、.xls 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="109"/>
        <source>this is an OpenDocument file (WPS/LibreOffice): open it and save it as .xlsx</source>
        <translation>这是 OpenDocument 文件（WPS/LibreOffice）：请打开它并另存为 .xlsx</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="114"/>
        <location filename="../../app/views/import_errors.py" line="134"/>
        <source>A required cell is empty.</source>
        <translation>必填的单元格是空的。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="115"/>
        <source>A date cannot be read.</source>
        <translation>无法识别日期。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="117"/>
        <source>The day this 千川 report covers is neither in a 日期 column nor in its file name (…_2026-08-14 00_00_00-2026-08-14 23_59_59-….xlsx). Keep the name the platform gave it.</source>
        <translation>这份千川报表对应的日期既不在“日期”列中，也不在文件名中（…_2026-08-14 00_00_00-2026-08-14 23_59_59-….xlsx）。请保留平台给出的文件名。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="124"/>
        <source>This file has no table to map: none of its first rows has two filled cells.</source>
        <translation>这个文件中没有可映射的表格：前几行中没有任何一行填有两个以上的单元格。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="133"/>
        <source>This cell cannot be read.</source>
        <translation>这个单元格读不出来。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="135"/>
        <source>This order number is on row %1 too. With no order-line column, each row must be one whole order: map the order-line column.</source>
        <translation>这个订单号在第 %1 行也出现了。没有子订单列时，每行必须是一整笔订单：请把子订单列对应上。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="188"/>
        <source>%1, row %2, column “%3”: found “%4”, expected %5.</source>
        <translation>%1，第 %2 行，“%3”列：读到“%4”，应为%5。</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="196"/>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="198"/>
        <source>column “%1”</source>
        <translation>“%1”列</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="202"/>
        <source>%1 (found “%2”)</source>
        <translation>%1（读到“%2”）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="172"/>
        <location filename="../../app/views/import_errors.py" line="206"/>
        <source>%1 (expected %2)</source>
        <translation>%1（应为%2）</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="213"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/import_errors.py" line="214"/>
        <source>, </source>
        <translation>，</translation>
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
        <translation>查看和删除为 ShopReel 原本不认识的文件保存的列映射</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="117"/>
        <source>Import #%1 cannot be undone on its own: later imports (%2) changed the same rows. Undo those first (newest first), then this one.</source>
        <translation>导入 #%1 无法单独撤销：之后的导入（%2）修改了相同的行。请先撤销这些导入（从最新的开始），再撤销这一个。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="123"/>
        <source>Import #%1 no longer exists.</source>
        <translation>导入 #%1 已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="125"/>
        <source>Import #%1 was already undone.</source>
        <translation>导入 #%1 已经撤销过了。</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="126"/>
        <location filename="../../app/views/tabs/imports_tab.py" line="145"/>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/imports_tab.py" line="140"/>
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
        <location filename="../../app/views/formatting.py" line="33"/>
        <source>Idea</source>
        <translation>创意</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="34"/>
        <source>Scripted</source>
        <translation>已写脚本</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="35"/>
        <source>Shot</source>
        <translation>已拍摄</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="36"/>
        <source>Edited</source>
        <translation>已剪辑</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="37"/>
        <source>Scheduled</source>
        <translation>已排期</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="38"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="39"/>
        <source>Original</source>
        <translation>原创</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="40"/>
        <source>Challenge</source>
        <translation>挑战赛</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="41"/>
        <source>Duet</source>
        <translation>合拍</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="42"/>
        <source>Win-back</source>
        <translation>召回</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="43"/>
        <source>Live preview</source>
        <translation>直播预告</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="44"/>
        <source>Festival</source>
        <translation>节日活动</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="45"/>
        <source>UGC</source>
        <translation>晒单激励</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="46"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="26"/>
        <location filename="../../app/views/formatting.py" line="47"/>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="27"/>
        <source>Youzan</source>
        <translation>有赞</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="28"/>
        <source>Weidian</source>
        <translation>微店</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="48"/>
        <source>Group chat</source>
        <translation>社群</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="49"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="50"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="51"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="52"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="53"/>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="54"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="55"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="56"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="57"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="58"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="63"/>
        <source>Douyin Shop orders</source>
        <translation>抖店订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="64"/>
        <source>Douyin Shop after-sales</source>
        <translation>抖店售后单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="65"/>
        <source>Douyin Shop reviews</source>
        <translation>抖店商品评价</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="66"/>
        <source>Douyin video list</source>
        <translation>抖音作品列表</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="67"/>
        <source>Douyin account daily</source>
        <translation>抖音账号日数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="68"/>
        <source>Douyin account overview</source>
        <translation>抖音账号总览</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="69"/>
        <source>Qianchuan materials (daily)</source>
        <translation>千川素材日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="70"/>
        <source>Qianchuan products (daily)</source>
        <translation>千川推商品日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="71"/>
        <source>Qianchuan Douyin accounts (daily)</source>
        <translation>千川推抖音号日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="72"/>
        <source>DOU+ spend (daily)</source>
        <translation>DOU+ 投放日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="73"/>
        <source>Kuaishou video list</source>
        <translation>快手作品列表</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="74"/>
        <source>Kuaishou account data</source>
        <translation>快手账号数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="75"/>
        <source>Channels post details</source>
        <translation>视频号动态数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="76"/>
        <source>Channels follower data</source>
        <translation>视频号关注者数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="77"/>
        <source>Xiaohongshu note list</source>
        <translation>小红书笔记列表</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="78"/>
        <source>Xiaohongshu 30-day trend</source>
        <translation>小红书近30日数据</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="79"/>
        <source>TikTok Studio overview</source>
        <translation>TikTok Studio 概览</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="80"/>
        <source>TikTok Studio content</source>
        <translation>TikTok Studio 内容</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="81"/>
        <source>TikTok follower history</source>
        <translation>TikTok 粉丝历史</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="82"/>
        <source>TikTok Shop orders</source>
        <translation>TikTok Shop 订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="83"/>
        <source>TikTok Promote (daily)</source>
        <translation>TikTok Promote 日报</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="84"/>
        <source>Youzan customers</source>
        <translation>有赞客户</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="85"/>
        <source>Tmall orders</source>
        <translation>天猫订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="86"/>
        <source>JD orders</source>
        <translation>京东订单</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="87"/>
        <source>Store coupon redemptions</source>
        <translation>门店核销记录</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="91"/>
        <source>Mapped: %1</source>
        <translation>映射：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/formatting.py" line="92"/>
        <source>Mapped table #%1</source>
        <translation>映射表 #%1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/main_window.py" line="91"/>
        <location filename="../../app/views/main_window.py" line="240"/>
        <location filename="../../app/views/main_window.py" line="262"/>
        <source>ShopReel</source>
        <translation>短视频经营台</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="136"/>
        <source>Content plan</source>
        <translation>内容规划</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="137"/>
        <source>Traffic</source>
        <translation>流量数据</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="138"/>
        <source>Conversion</source>
        <translation>转化路径</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="139"/>
        <source>Customers</source>
        <translation>客户分层</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="140"/>
        <source>Retention</source>
        <translation>留存活动</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="141"/>
        <source>Imports</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="147"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="150"/>
        <source>Import platform exports: the Excel and CSV files as you downloaded them</source>
        <translation>导入平台导出文件：直接使用下载的 Excel 和 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="153"/>
        <source>Import folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="154"/>
        <source>Import every export in a folder</source>
        <translation>导入文件夹中的所有导出文件</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="156"/>
        <source>Saved column mappings…</source>
        <translation>已保存的列映射…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="158"/>
        <source>See and delete the column mappings saved for files ShopReel did not know</source>
        <translation>查看和删除为 ShopReel 原本不认识的文件保存的列映射</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="161"/>
        <source>Report…</source>
        <translation>月报…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="163"/>
        <source>The monthly PDF report is not available yet</source>
        <translation>月度 PDF 报告暂未开放</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="164"/>
        <source>Backups…</source>
        <translation>备份…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="166"/>
        <source>See this shop&apos;s backups, back up now, or restore one</source>
        <translation>查看这家店的备份、立即备份或恢复某个备份</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="169"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="172"/>
        <source>Open store…</source>
        <translation>打开数据库…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="174"/>
        <source>Open the demo shop</source>
        <translation>打开示例店铺</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="176"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="179"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="182"/>
        <location filename="../../app/views/main_window.py" line="588"/>
        <source>About ShopReel</source>
        <translation>关于短视频经营台</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="185"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="201"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="203"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="206"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="225"/>
        <source>Store: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="312"/>
        <source>Cannot open the store</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="341"/>
        <location filename="../../app/views/main_window.py" line="349"/>
        <source>Open store</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="342"/>
        <source>%1 is already open in another ShopReel window.</source>
        <translation>%1 已在另一个短视频经营台窗口中打开。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="349"/>
        <source>ShopReel stores (*.db);;All files (*)</source>
        <translation>短视频经营台数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="401"/>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="457"/>
        <source>Restored the backup made %1.</source>
        <translation>已恢复 %1 的备份。</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="465"/>
        <source>The backup was not restored: %1</source>
        <translation>备份没有恢复：%1</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="469"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="525"/>
        <source>Import #%1 undone</source>
        <translation>导入 #%1 已撤销</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="534"/>
        <source>Building the demo shop…</source>
        <translation>正在生成示例店铺…</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="534"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="535"/>
        <location filename="../../app/views/main_window.py" line="554"/>
        <source>Demo shop</source>
        <translation>示例店铺</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="578"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/views/main_window.py" line="590"/>
        <source>ShopReel %1

Your short-video shop, from content to revenue, on this computer.</source>
        <translation>短视频经营台 %1

从内容到成交，你的短视频店铺全貌，数据只保存在这台电脑上。</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="63"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="64"/>
        <source>Customer list</source>
        <translation>客户列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="67"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="68"/>
        <source>Order line number</source>
        <translation>子订单号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="69"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="70"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="71"/>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="72"/>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="73"/>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="74"/>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="75"/>
        <source>After-sales status</source>
        <translation>售后状态</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="76"/>
        <source>Cancel reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="77"/>
        <source>Buyer ID</source>
        <translation>买家 ID</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="78"/>
        <source>Recipient</source>
        <translation>收货人</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="79"/>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="80"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="81"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="82"/>
        <source>Nickname</source>
        <translation>昵称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="83"/>
        <source>Customer since</source>
        <translation>成为客户时间</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="84"/>
        <source>WeCom friend</source>
        <translation>企微好友</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="85"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="86"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="176"/>
        <source>Map columns</source>
        <translation>映射列</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="189"/>
        <source>ShopReel does not recognise %1. Choose which column holds what; the preview shows how the first rows will be imported. The mapping is saved as a template, and files with the same columns are then recognised automatically.</source>
        <translation>ShopReel 无法识别 %1。请选择每一列对应的内容；预览显示前几行将如何导入。映射会保存为模板，之后列相同的文件会被自动识别。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="199"/>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="212"/>
        <source>e.g. Kuaishou Shop orders</source>
        <translation>例如：快手小店订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="213"/>
        <source>Columns (* required)</source>
        <translation>列（* 为必填）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="217"/>
        <source>No order line column: each row is read as one whole order, keyed by its order number.</source>
        <translation>没有子订单列：每一行按一整笔订单读取，以订单号区分。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="226"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="228"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="252"/>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="255"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="257"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="261"/>
        <source>The table holds</source>
        <translation>表格内容</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="262"/>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="271"/>
        <source>Preview of the first rows</source>
        <translation>前几行预览</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="327"/>
        <source>(not in this file)</source>
        <translation>（此文件中没有）</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="362"/>
        <source>%1 orders</source>
        <translation>%1订单</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="364"/>
        <source>%1 customer list</source>
        <translation>%1客户列表</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="394"/>
        <source>Choose the column of: %1.</source>
        <translation>请选择以下字段所在的列：%1。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="399"/>
        <source>Cells in required columns that cannot be read: %1 (in red; point at one to see why). Check that the right column is chosen.</source>
        <translation>必填列中无法读取的单元格：%1 个（红色显示；鼠标指向可查看原因）。请检查是否选对了列。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="403"/>
        <source>There are no rows under the header row. Check the header row.</source>
        <translation>表头行下面没有数据行。请检查表头行。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="406"/>
        <source>Ready to save.</source>
        <translation>可以保存。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="409"/>
        <source>Cells in other columns that cannot be read: %1 (in red). The import will refuse the file until they are fixed or their column is set to (not in this file).</source>
        <translation>其他列中无法读取的单元格：%1 个（红色显示）。在修正这些单元格或将其列设为（此文件中没有）之前，导入会拒绝该文件。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="426"/>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/mapping_dialog.py" line="459"/>
        <source>The template was not saved: %1</source>
        <translation>模板未保存：%1</translation>
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
    <name>RetentionTab</name>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="18"/>
        <source>Active buyers</source>
        <translation>活跃买家</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="18"/>
        <source>Paid in the last 30 days</source>
        <translation>最近 30 天内有支付</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="20"/>
        <source>At risk</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="20"/>
        <source>Last paid order 30–89 days ago</source>
        <translation>最近一次支付在 30–89 天前</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="21"/>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="21"/>
        <source>No paid order for 90 days or more</source>
        <translation>90 天及以上没有支付订单</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="22"/>
        <source>Campaigns sent</source>
        <translation>已发送活动</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="25"/>
        <source>Best uplift</source>
        <translation>最佳提升</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="27"/>
        <source>Treatment response rate minus holdout response rate</source>
        <translation>触达组响应率减去对照组响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="34"/>
        <source>Sent / scheduled</source>
        <translation>发送 / 计划时间</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="35"/>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="36"/>
        <source>Goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="37"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="38"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="39"/>
        <source>Treatment</source>
        <translation>触达组</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="40"/>
        <source>Holdout</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="41"/>
        <source>Response</source>
        <translation>响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="42"/>
        <source>Holdout response</source>
        <translation>对照组响应率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="43"/>
        <source>Uplift</source>
        <translation>提升</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="44"/>
        <source>Revenue</source>
        <translation>带来成交</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/retention_tab.py" line="50"/>
        <source>No campaigns yet.

Win-back and festival campaigns, each measured against a holdout group, appear here.</source>
        <translation>还没有活动。

召回、节日等活动都会在这里出现，并与对照组比较效果。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="59"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="62"/>
        <source>Printed on your monthly reports</source>
        <translation>会印在月度报告上</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="66"/>
        <source>Handle / ID</source>
        <translation>账号 / ID</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="67"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="68"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="69"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="70"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="80"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="86"/>
        <source>Mask customer names in exports and reports</source>
        <translation>导出文件和报告中隐藏客户姓名</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="88"/>
        <source>Show 张** instead of 张三 in the files and reports you share</source>
        <translation>在分享的文件和报告中显示“张**”，而不是“张三”</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="97"/>
        <source>Add account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="99"/>
        <source>Remove account</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="105"/>
        <source>Shop profile</source>
        <translation>店铺资料</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="107"/>
        <source>Shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="111"/>
        <source>Platform accounts (money is never added across currencies):</source>
        <translation>平台账号（不同币种的金额不会相加）：</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="115"/>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="117"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="118"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="122"/>
        <source>Phone numbers are always kept masked (138****5678).</source>
        <translation>手机号始终以脱敏形式保存（138****5678）。</translation>
    </message>
    <message>
        <location filename="../../app/views/dialogs/settings_dialog.py" line="195"/>
        <source>Select an account first.</source>
        <translation>请先选择一个账号。</translation>
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
    <name>TrafficTab</name>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="17"/>
        <source>Videos</source>
        <translation>视频数</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="18"/>
        <location filename="../../app/views/tabs/traffic_tab.py" line="47"/>
        <source>Views</source>
        <translation>播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="21"/>
        <source>Interaction rate</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="23"/>
        <source>(likes + comments + shares + favorites) / views</source>
        <translation>（点赞 + 评论 + 分享 + 收藏）/ 播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="27"/>
        <source>Completion rate</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="29"/>
        <source>View-weighted mean of the videos&apos; completion rates</source>
        <translation>按播放量加权的各视频完播率均值</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="33"/>
        <source>Follower conversion</source>
        <translation>涨粉率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="35"/>
        <source>Followers gained / views</source>
        <translation>新增粉丝 / 播放量</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="42"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="43"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="44"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="45"/>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="46"/>
        <source>Pillar</source>
        <translation>内容支柱</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="48"/>
        <source>Likes</source>
        <translation>点赞</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="49"/>
        <source>Comments</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="50"/>
        <source>Shares</source>
        <translation>分享</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="51"/>
        <source>Favorites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="52"/>
        <source>Interaction</source>
        <translation>互动率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="53"/>
        <source>Completion</source>
        <translation>完播率</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="54"/>
        <source>New followers</source>
        <translation>新增粉丝</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="55"/>
        <source>Product clicks</source>
        <translation>商品点击</translation>
    </message>
    <message>
        <location filename="../../app/views/tabs/traffic_tab.py" line="61"/>
        <source>No videos yet.

Drop the video lists you export from each platform (作品列表, 视频号 动态数据, 笔记列表, TikTok Content) on this window.</source>
        <translation>还没有视频。

把各平台导出的作品数据（作品列表、视频号动态数据、笔记列表、TikTok Content）拖到本窗口。</translation>
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
</TS>
