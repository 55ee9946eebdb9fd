"""The report's words in Chinese and English (the report is Qt-free, so it cannot use tr()).

Every key has both languages (a test checks it). Values are ``str.format`` templates.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

# key: (zh_CN, en)
STRINGS: dict[str, tuple[str, str]] = {
    # Page frame
    "report_title": ("月度经营报告", "Monthly report"),
    "month_title": ("{year}年{month}月", "{month_name} {year}"),
    "month_so_far": ("（截至 {day}）", " (to {day})"),
    "page_of": ("第 {n} / {total} 页", "Page {n} / {total}"),
    "generated": ("短视频经营台生成于 {day}", "Made with ShopReel on {day}"),
    "unnamed_shop": ("未命名店铺", "Unnamed shop"),
    "continued": ("（续）", " (continued)"),
    # Sections
    "section_cover": ("封面", "Cover"),
    "section_kpis": ("核心指标", "Key figures"),
    "section_trend": ("流量趋势", "Traffic trend"),
    "section_videos": ("爆款与低谷视频", "Top and bottom videos"),
    "section_content": ("内容方向与脚本模板", "Pillars and templates"),
    "section_funnel": ("转化漏斗与归因", "Funnel and attribution"),
    "section_ads": ("广告回报与内容回款", "Ad ROI and content-to-cash"),
    "section_customers": ("客户分层与层级变化", "Customers by tier and tier movement"),
    "section_churn": ("流失预警", "Churn warning"),
    "section_campaigns": ("营销活动效果", "Campaigns and their uplift"),
    "section_reviews": ("差评与回复速度", "Negative reviews and reply times"),
    "section_plan": ("下月内容计划", "Next month's content plan"),
    "section_recommendations": ("行动建议", "Recommendations"),
    # Cover
    "cover_contents": ("本报告包含", "In this report"),
    "cover_vs_previous": ("较上月 {change}", "{change} vs last month"),
    "cover_no_previous": ("上月无数据", "no data last month"),
    "headline_gmv": ("成交额（GMV）", "GMV"),
    "headline_gmv_currency": ("成交额（{currency}）", "GMV ({currency})"),
    "headline_orders": ("付款订单", "Paid orders"),
    "headline_views": ("播放量", "Views"),
    "headline_followers": ("涨粉", "Followers gained"),
    "headline_new_customers": ("新客", "New customers"),
    "headline_roas": ("千川 ROAS", "Qianchuan ROAS"),
    "cover_note": (
        "数字与短视频经营台的当月统计一致；核心指标页列出完整数字。",
        "The figures equal shopreel stats for the month; the key-figures page prints them in full.",
    ),
    # KPI table
    "kpi_metric": ("指标", "Figure"),
    "kpi_this_month": ("本月", "This month"),
    "kpi_previous": ("上月", "Last month"),
    "kpi_change": ("环比", "Change"),
    "kpi_average": ("前3个月均值", "3-month avg"),
    "kpi_vs_average": ("较均值", "vs avg"),
    "kpi_videos": ("发布视频数", "Videos published"),
    "kpi_views": ("播放量", "Views"),
    "kpi_followers": ("涨粉", "Followers gained"),
    "kpi_completion": ("完播率", "Completion rate"),
    "kpi_orders": ("付款订单", "Paid orders"),
    "kpi_gmv": ("成交额（{currency}）", "GMV ({currency})"),
    "kpi_refunds": ("退款（{currency}）", "Refunds ({currency})"),
    "kpi_conversion": ("转化率", "Conversion"),
    "kpi_ad_spend": ("千川消耗", "Qianchuan spend"),
    "kpi_ad_gmv": ("千川成交额", "Qianchuan GMV"),
    "kpi_roas": ("ROAS", "ROAS"),
    "kpi_buyers": ("购买客户", "Buyers"),
    "kpi_new": ("新客", "New customers"),
    "kpi_repeat": ("复购客户", "Repeat customers"),
    "kpi_at_risk": ("流失预警客户", "At-risk customers"),
    "kpi_negative": ("差评", "Negative reviews"),
    "kpi_average_months": (
        "前3个月均值 = {months} 的平均（没有数据的月份不计入）。",
        "3-month avg = the mean of {months} (months without data left out).",
    ),
    "kpi_no_average": (
        "前3个月均值：之前三个月都没有数据。",
        "3-month avg: none of the three months before has data.",
    ),
    "kpi_definitions": (
        "播放量、发布视频数：当月发布的视频在最新导出中的累计播放。"
        "涨粉、完播率：同一批视频（完播率按播放量加权，与流量页一致）。"
        "付款订单：当月支付、未取消的订单行（之后退款仍计入，退款另列）。"
        "转化率 = 付款订单 ÷ 播放量。ROAS = 千川成交额 ÷ 千川消耗。"
        "复购客户：当月购买且截至月底已付款 2 单以上的客户。"
        "流失预警：最后一次付款距月底 30–89 天的客户。差评：评分 ≤ 2 分。"
        "人民币与美元分开列出，从不相加。",
        "Views and videos: the videos published in the month, cumulative views in their newest "
        "export. Followers gained and completion: the same videos (completion weighted by "
        "views, as on the Traffic tab). Paid orders: order lines paid in the month and not "
        "cancelled (refunded later still count; refunds are listed apart). "
        "Conversion = paid orders ÷ views. ROAS = Qianchuan GMV ÷ Qianchuan spend. "
        "Repeat customers: buyers of the month with 2+ paid orders up to the month end. "
        "At-risk: last paid order 30–89 days before the month end. Negative review: score ≤ 2. "
        "CNY and USD are listed apart, never added.",
    ),
    # Trend
    "trend_chart_label": ("每日播放", "Views per day"),
    "trend_note": (
        "每日新增播放（全部视频，按平台堆叠）；缺少数据的日期留空。",
        "Views gained each day (all videos, stacked by platform); days without data are blank.",
    ),
    "trend_empty": ("当月没有每日播放数据。", "No daily views for this month."),
    "platform_table_title": (
        "各平台（当月发布的视频）",
        "By platform (videos published in the month)",
    ),
    "col_platform": ("平台", "Platform"),
    "col_videos": ("视频", "Videos"),
    "col_views": ("播放", "Views"),
    "col_likes": ("点赞", "Likes"),
    "col_comments": ("评论", "Comments"),
    "col_shares": ("分享", "Shares"),
    "col_orders": ("付款订单", "Paid orders"),
    "total": ("合计", "Total"),
    # Videos
    "top_videos": ("播放最高的视频", "Most viewed videos"),
    "bottom_videos": ("播放最低的视频", "Least viewed videos"),
    "col_rank": ("#", "#"),
    "col_title": ("标题", "Title"),
    "col_published": ("发布", "Published"),
    "col_completion": ("完播率", "Completion"),
    "col_interaction": ("互动率", "Interaction"),
    "col_followers": ("涨粉", "Followers"),
    "videos_empty": ("当月没有发布视频。", "No videos were published this month."),
    "videos_few": (
        "当月只有 {count} 条有播放数据的视频，不足以区分爆款与低谷。",
        "Only {count} videos of the month have views: too few to compare top and bottom.",
    ),
    "findings_title": ("爆款与低谷的区别", "What sets the top videos apart"),
    # Content
    "pillar_chart": ("按内容方向", "By content pillar"),
    "template_chart": ("按脚本模板", "By video template"),
    "no_label": ("未标注", "Unlabelled"),
    "content_empty": (
        "当月视频还没有标注{what}：在流量页给视频标注后，这里会对比各{what}的表现。",
        "No video of the month has a {what} yet: label videos on the Traffic tab to compare them "
        "here.",
    ),
    "what_pillar": ("内容方向", "content pillar"),
    "what_template": ("脚本模板", "template"),
    "median_views": ("播放中位数", "Median views"),
    "median_completion": ("完播率中位数", "Median completion"),
    "median_interaction": ("互动率中位数", "Median interaction"),
    # Reviews
    "reviews_text": (
        "本月差评（评分 ≤ 2）{count} 条；上月 {previous} 条；前3个月均值 {average}。",
        "Negative reviews (score ≤ 2) this month: {count}; last month {previous}; "
        "3-month average {average}.",
    ),
    "reviews_share": (
        "本月共 {total} 条评价，差评占 {share}。",
        "{total} reviews this month; {share} of them negative.",
    ),
    "reviews_none": ("本月没有评价数据。", "No reviews this month."),
    "alerts_text": (
        "本月新增舆情提醒 {alerts} 条（评价 {reviews} 条、评论 {comments} 条）："
        "已回复 {replied} 条，其中 24 小时内回复 {fast} 条；回复时长中位数 {median}；"
        "仍未处理 {open} 条。",
        "{alerts} crisis alerts opened this month ({reviews} reviews, {comments} comments): "
        "{replied} answered, {fast} of them within 24 hours; median time to reply {median}; "
        "{open} still open.",
    ),
    "alerts_none": (
        "本月没有新的舆情提醒（差评、负面评论）。",
        "No crisis alerts (negative reviews or comments) opened this month.",
    ),
    "hours": ("{hours:.1f} 小时", "{hours:.1f} h"),
    # Funnel and attribution
    "funnel_table_title": ("本月转化漏斗", "This month's funnel"),
    "col_step": ("环节", "Step"),
    "col_value": ("数值", "Value"),
    "col_step_rate": ("较上一环节", "Of the step before"),
    "step_views": ("播放量", "Views"),
    "step_product_clicks": ("商品点击", "Product clicks"),
    "step_orders_created": ("创建订单", "Orders created"),
    "step_orders_paid": ("付款订单", "Paid orders"),
    "step_net_gmv": ("净成交额（扣退款）", "Net GMV (after refunds)"),
    "funnel_unknown_none": (
        "“—”：{steps}目前没有任何平台导出提供，无法计算（不是 0）。",
        "“—”: no platform export provides {steps} today, so it is unknown (not 0).",
    ),
    "funnel_unknown_from": (
        "“—”：{step}需要导入 {exports} 才能计算。",
        "“—”: import {exports} to get {step}.",
    ),
    "funnel_note": (
        "播放量：当月发布视频的累计播放；订单按付款日（创建订单按创建日）；净成交额为主币种 "
        "{currency}，其比例 = 净成交额 ÷ 成交额。",
        "Views: videos published in the month; orders by paid day (created orders by created "
        "day); net GMV in the main currency {currency}, its rate = net ÷ GMV.",
    ),
    "attribution_title": ("付款订单来自哪里", "Where paid orders came from"),
    "by_format": ("按流量体裁", "By traffic format"),
    "by_platform": ("按平台", "By platform"),
    "by_path": ("按成交路径", "By path"),
    "col_source": ("来源", "Source"),
    "col_currency": ("币种", "Currency"),
    "col_share": ("占比", "Share"),
    "col_gmv": ("成交额", "GMV"),
    "col_net": ("净成交额", "Net GMV"),
    "format_short_video": ("短视频", "Short video"),
    "format_live": ("直播", "Live"),
    "format_product_card": ("商品卡", "Product card"),
    "format_other": ("其他", "Other"),
    "format_pending": ("次日更新", "Filled in next day"),
    "format_unknown": ("导出未提供", "Not in the export"),
    "path_direct": ("直接（短视频/直播）", "Direct (video or live)"),
    "path_indirect": ("间接（私域）", "Indirect (private domain)"),
    "path_other": ("其他（商品卡、搜索、门店…）", "Other (product card, search, store…)"),
    "match_note": (
        "{lines} 条付款订单中 {with_video} 条能对应到视频"
        "（订单导出写明了视频的平台：{platforms}）。",
        "{with_video} of {lines} paid orders name their video (platforms whose order exports "
        "name it: {platforms}).",
    ),
    "funnel_chart_title": ("转化漏斗（对数刻度）", "Funnel (log scale)"),
    "funnel_empty": ("当月没有订单或播放数据。", "No orders or views this month."),
    # Ads and the ledger
    "ads_title": ("广告消耗（按渠道）", "Ad spend by channel"),
    "col_channel": ("渠道", "Channel"),
    "col_spend": ("消耗", "Spend"),
    "col_ad_gmv": ("广告成交额", "Ad GMV"),
    "col_roas": ("ROAS", "ROAS"),
    "col_roi": ("ROI", "ROI"),
    "col_days": ("投放天数", "Days"),
    "channel_qianchuan": ("千川", "Qianchuan"),
    "channel_douplus": ("DOU+", "DOU+"),
    "channel_promote": ("TikTok 推广", "TikTok Promote"),
    "ads_none": ("当月没有广告消耗。", "No ad spend this month."),
    "ads_note": (
        "ROAS = 广告成交额 ÷ 消耗，ROI = (广告成交额 − 消耗) ÷ 消耗，均取自广告报表自己的成交额；"
        "千川一行与核心指标的千川消耗、成交额一致。千川推商品/推抖音号报表重复计算同一笔消耗，不再列出。",
        "ROAS = ad GMV ÷ spend, ROI = (ad GMV − spend) ÷ spend, from the ad reports' own GMV; "
        "the Qianchuan row equals the key figures. Qianchuan's product and account reports "
        "repeat the same spend and are left out.",
    ),
    "ledger_top_profit": (
        "内容回款：利润最高的视频",
        "Content to cash: the most profitable videos",
    ),
    "ledger_bottom_profit": (
        "内容回款：利润最低的视频",
        "Content to cash: the least profitable videos",
    ),
    "ledger_top_net": ("内容回款：净成交最多的视频", "Content to cash: the videos that sold most"),
    "ledger_bottom_net": (
        "内容回款：净成交最少的视频",
        "Content to cash: the videos that sold least",
    ),
    "col_ledger_orders": ("订单", "Orders"),
    "col_break_even": ("保本线", "B/E ROAS"),
    "col_profit": ("利润", "Profit"),
    "col_flag": ("对比保本", "vs B/E"),
    "flag_below": ("▼ 未保本", "▼ below"),
    "flag_above": ("已保本", "above"),
    "ledger_none": (
        "当月发布的视频还没有能对应的成交或广告消耗。",
        "No sales or ad spend is credited to the videos published this month.",
    ),
    "ledger_note": (
        "当月发布的视频至今带来的成交与广告消耗（订单导出写明视频的平台才能对应）。"
        "利润 = 净成交额 × 毛利率 − 广告消耗；保本 ROAS = 1 ÷ (毛利率 × (1 − 退款率))；"
        "未填成本价时为“—”，无法判断是否保本。共 {below} 条视频低于保本线。",
        "Sales and ad spend credited so far to the videos published in the month (only where "
        "order exports name the video). Profit = net GMV × margin − ad spend; break-even "
        "(B/E) ROAS = 1 ÷ (margin × (1 − refund rate)); “—” without a cost price "
        "(break-even unknown). {below} videos are below break-even.",
    ),
    "ledger_chart_title": ("广告 ROAS 与保本线（竖线）", "Ad ROAS against break-even (ticks)"),
    "break_even": ("保本 ROAS", "break-even"),
    # Customers
    "tiers_title": ("月底各层级客户", "Customers per tier at the month's end"),
    "col_tier": ("层级", "Tier"),
    "col_customers": ("客户数", "Customers"),
    "col_net_amount": ("累计净消费", "Net spent"),
    "tiers_none": (
        "还没有客户层级：在客户页设置分层规则并重新计算。",
        "No tiers yet: set up tier rules on the Customers tab and recompute.",
    ),
    "movement_title": ("本月层级变化", "Tier movement this month"),
    "col_from": ("上月底", "Last month end"),
    "col_to": ("本月底", "This month end"),
    "col_direction": ("变化", "Change"),
    "no_tier": ("（无层级）", "(none)"),
    "direction_new": ("新进入", "new"),
    "direction_up": ("升级", "up"),
    "direction_down": ("降级", "down"),
    "direction_slipped": ("滑向流失", "slipping"),
    "direction_returned": ("回流", "came back"),
    "direction_same": ("不变", "same"),
    "movement_stayed": ("另有 {count} 位客户层级不变。", "{count} more customers kept their tier."),
    "movement_none": ("本月没有层级变化记录。", "No tier changes were recorded this month."),
    # Churn
    "churn_text": (
        "截至 {day}，{total} 位客户超过了流失预警窗口（按层级设置的沉默天数），"
        "其中高价值客户 {valuable} 位。",
        "As of {day}, {total} customers were past their churn-warning window (the silence "
        "each tier allows); {valuable} of them are valuable.",
    ),
    "churn_by_tier": ("按原层级：{tiers}。", "By the tier they held: {tiers}."),
    "churn_top": ("最值得挽回的客户", "The valuable customers to win back first"),
    "col_customer": ("客户", "Customer"),
    "col_silent": ("沉默天数", "Days silent"),
    "col_window": ("预警窗口", "Window"),
    "churn_note": (
        "与核心指标的“流失预警客户”（最后付款距月底 30–89 天）口径不同：这里按店铺在挽回页设置的"
        "各层级预警天数判断。客户只显示打码手机号{names}。",
        "Not the key figures' at-risk count (last paid 30–89 days before the month end): this "
        "uses the warning windows set on the Retention tab per tier. Customers show masked "
        "phones{names}.",
    ),
    "names_masked": ("和打码姓名", " and masked names"),
    "names_shown": ("和姓名", " and names"),
    "churn_none": ("没有客户超过流失预警窗口。", "No customer is past their warning window."),
    # Campaigns
    "campaigns_text": (
        "本月发出 {count} 个活动；效果按发出后的回应窗口计算，截至 {day}。",
        "Campaigns sent this month: {count}; results cover their response windows up to {day}.",
    ),
    "col_campaign": ("活动", "Campaign"),
    "col_sent": ("发送", "Sent"),
    "col_groups": ("触达 / 对照人数", "Sent / held out"),
    "col_treatment_rate": ("触达回应", "Treated"),
    "col_control_rate": ("对照回应", "Control"),
    "col_uplift": ("提升（95% 置信区间）", "Uplift (95 % CI)"),
    "col_extra_revenue": ("增量成交", "Extra revenue"),
    "campaigns_none": ("本月没有发出的活动。", "No campaign was sent this month."),
    "campaigns_note": (
        "提升 = 触达组回应率 − 对照组（留出不发的客户）回应率；区间不含 0 才算确有效果。"
        "增量成交 = 触达组人均成交超出对照组的部分 × 触达人数；ROI = (增量成交 − 成本) ÷ 成本。",
        "Uplift = treated response rate − control (held out, not sent) rate; only an interval "
        "that excludes 0 shows a real effect. Extra revenue = the treated group's revenue per "
        "person above the control's × treated; ROI = (extra revenue − cost) ÷ cost.",
    ),
    # Plan
    "col_planned": ("计划时间", "Planned"),
    "col_pillar": ("内容方向", "Pillar"),
    "col_template": ("脚本模板", "Template"),
    "col_platforms": ("平台", "Platforms"),
    "col_status": ("状态", "Status"),
    "plan_empty": (
        "{month} 还没有排期的内容：在内容计划页排好下月的视频。",
        "Nothing is planned for {month} yet: plan next month's videos on the Content plan tab.",
    ),
    "plan_count": ("{month} 已排期 {count} 条。", "{count} items planned for {month}."),
    "status_idea": ("选题", "Idea"),
    "status_scripted": ("已写脚本", "Scripted"),
    "status_shot": ("已拍摄", "Shot"),
    "status_edited": ("已剪辑", "Edited"),
    "status_scheduled": ("已定时", "Scheduled"),
    "status_published": ("已发布", "Published"),
    # Recommendations
    "recs_none": (
        "数据还不够给出建议：导入更多视频和订单后再看。",
        "Not enough data for recommendations yet: import more videos and orders.",
    ),
    "rec_best_slot": (
        "多在{weekday} {hour:02d}:00 发布：近 90 天这个时段发布的视频播放中位数是全部视频的 "
        "{ratio:.1f} 倍（{videos} 条视频）。",
        "Post more on {weekday} at {hour:02d}:00: in the last 90 days, videos posted then had "
        "{ratio:.1f}× the median views of all videos ({videos} videos).",
    ),
    "rec_completion": (
        "打磨开头与节奏：播放前 {n} 的视频完播率中位数 {top}，后 {n} 只有 {bottom}。",
        "Work on hooks and pacing: the top {n} videos had a median completion of {top}, "
        "the bottom {n} only {bottom}.",
    ),
    "rec_length": (
        "控制时长：播放前 {n} 的视频时长中位数 {top}秒，后 {n} 为 {bottom}秒。",
        "Mind the length: the top {n} videos ran {top} s (median), the bottom {n} {bottom} s.",
    ),
    "rec_template": (
        "多用「{value}」脚本模板：播放前 {n} 的视频中 {top_share} 用它，"
        "后 {n} 中只有 {bottom_share}。",
        "Use the “{value}” structure more: {top_share} of the top {n} videos used it, "
        "{bottom_share} of the bottom {n}.",
    ),
    "rec_pillar": (
        "加大「{value}」内容：它的播放中位数是当月全部视频的 {ratio:.1f} 倍（{videos} 条视频）。",
        "Make more “{value}” videos: their median views were {ratio:.1f}× the month's "
        "({videos} videos).",
    ),
    "rec_roas_low": (
        "检查千川投放：ROAS 只有 {roas:.2f}（消耗 {spend}，成交额 {gmv}），低于保本线 1.0。",
        "Review Qianchuan ads: ROAS was only {roas:.2f} (spend {spend}, GMV {gmv}), "
        "below break-even 1.0.",
    ),
    "rec_roas_good": (
        "千川 ROAS {roas:.2f}（消耗 {spend}，成交额 {gmv}）：表现好的素材可以适度加量。",
        "Qianchuan ROAS was {roas:.2f} (spend {spend}, GMV {gmv}): scale up the materials "
        "that work.",
    ),
    "rec_refunds": (
        "关注退款：退款 {refunds}，占成交额 {share}。查看退款最多的商品与原因。",
        "Watch refunds: {refunds}, {share} of GMV. Check the products refunded most and why.",
    ),
    "rec_reviews": (
        "及时处理差评：本月 {count} 条，比上月多 {more} 条。",
        "Answer negative reviews quickly: {count} this month, {more} more than last month.",
    ),
    "rec_plan_gap": (
        "补足下月排期：{month} 只排了 {planned} 条，本月发布了 {published} 条视频。",
        "Fill next month's plan: {planned} items planned for {month}, {published} videos "
        "published this month.",
    ),
    "rec_below_break_even": (
        "调整或停投「{title}」的广告：ROAS {roas} 低于保本 {break_even}，利润 {profit}"
        "（当月共 {count} 条视频低于保本线）。",
        "Rework or stop the ads on “{title}”: ROAS {roas} is below its break-even {break_even}, "
        "profit {profit} ({count} videos of the month are below break-even).",
    ),
    "rec_slipping_vip": (
        "优先挽回高价值客户：{valuable} 位高价值客户已超过流失预警窗口（共 {total} 位），"
        "在挽回页给他们发唤回活动。",
        "Win back valuable customers first: {valuable} of the {total} customers past their "
        "warning window are valuable; send them a win-back campaign from the Retention tab.",
    ),
    "rec_conversion_slot": (
        "带货视频放在{weekday} {hour:02d}:00 发布：这个时段发布的视频每千次播放带来 "
        "{per_mille:.2f} 单（{videos} 条视频）。",
        "Post selling videos on {weekday} at {hour:02d}:00: videos posted then brought "
        "{per_mille:.2f} orders per 1,000 views ({videos} videos).",
    ),
    "rec_top_video": (
        "复制爆款的做法：「{title}」播放 {views}，是当月视频播放中位数的 {ratio:.1f} 倍。",
        "Repeat what worked in “{title}”: {views} views, {ratio:.1f}× the month's median video.",
    ),
}

WEEKDAYS = {
    "zh_CN": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Currencies as a Chinese merchant names them (English keeps the ISO code).
CURRENCY_NAMES_ZH = {
    "CNY": "人民币",
    "USD": "美元",
    "GBP": "英镑",
    "EUR": "欧元",
    "BRL": "巴西雷亚尔",
    "MYR": "马来西亚林吉特",
    "SGD": "新加坡元",
    "THB": "泰铢",
    "IDR": "印尼盾",
    "PHP": "菲律宾比索",
    "VND": "越南盾",
    "JPY": "日元",
    "HKD": "港币",
}
PLATFORM_NAMES = {
    "douyin": ("抖音", "Douyin"),
    "kuaishou": ("快手", "Kuaishou"),
    "channels": ("视频号", "Channels"),
    "xiaohongshu": ("小红书", "Xiaohongshu"),
    "tiktok": ("TikTok", "TikTok"),
    "tmall": ("天猫", "Tmall"),
    "jd": ("京东", "JD"),
    "store": ("门店", "Store"),
}


def check_language(lang: str) -> str:
    """``lang`` when the report speaks it; ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"the report speaks {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def text(lang: str, key: str, **values: Any) -> str:
    """The string ``key`` in ``lang``, with ``values`` filled in."""
    template = STRINGS[key][LANGUAGES.index(lang)]
    return template.format(**values) if values else template


def weekday_name(lang: str, weekday: int) -> str:
    """Monday = 0."""
    return WEEKDAYS[lang][weekday]


def platform_name(lang: str, platform: str) -> str:
    """A platform's name as owners say it (unknown platforms keep their id)."""
    names = PLATFORM_NAMES.get(platform)
    return names[LANGUAGES.index(lang)] if names else platform


def currency_name(lang: str, code: str) -> str:
    """A currency as the report names it: 人民币 / 美元 in Chinese, the ISO code in English."""
    return CURRENCY_NAMES_ZH.get(code, code) if lang == "zh_CN" else code


def month_title(lang: str, year: int, month: int) -> str:
    """2026年10月 / October 2026."""
    return text(lang, "month_title", year=year, month=month, month_name=MONTH_NAMES[month - 1])
