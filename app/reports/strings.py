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
    "generated": ("ShopReel 生成于 {day}", "Made with ShopReel on {day}"),
    "unnamed_shop": ("未命名店铺", "Unnamed shop"),
    "continued": ("（续）", " (continued)"),
    # Sections
    "section_cover": ("封面", "Cover"),
    "section_kpis": ("核心指标", "Key figures"),
    "section_trend": ("流量趋势", "Traffic trend"),
    "section_videos": ("爆款与低谷视频", "Top and bottom videos"),
    "section_content": ("内容支柱与模板", "Pillars and templates"),
    "section_reviews": ("差评", "Negative reviews"),
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
        "数字与 shopreel stats 当月结果一致；核心指标页列出完整数字。",
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
    "kpi_ad_gmv": ("千川成交", "Qianchuan GMV"),
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
        "转化率 = 付款订单 ÷ 播放量。ROAS = 千川成交 ÷ 千川消耗。"
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
    "pillar_chart": ("按内容支柱", "By content pillar"),
    "template_chart": ("按视频模板", "By video template"),
    "no_label": ("未标注", "Unlabelled"),
    "content_empty": (
        "当月视频还没有标注{what}：在流量页给视频标注后，这里会对比各{what}的表现。",
        "No video of the month has a {what} yet: label videos on the Traffic tab to compare them "
        "here.",
    ),
    "what_pillar": ("内容支柱", "content pillar"),
    "what_template": ("模板", "template"),
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
    # Plan
    "col_planned": ("计划时间", "Planned"),
    "col_pillar": ("支柱", "Pillar"),
    "col_template": ("模板", "Template"),
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
        "控制时长：播放前 {n} 的视频时长中位数 {top} 秒，后 {n} 为 {bottom} 秒。",
        "Mind the length: the top {n} videos ran {top} s (median), the bottom {n} {bottom} s.",
    ),
    "rec_template": (
        "多用「{value}」结构：播放前 {n} 的视频中 {top_share} 用它，后 {n} 中只有 {bottom_share}。",
        "Use the “{value}” structure more: {top_share} of the top {n} videos used it, "
        "{bottom_share} of the bottom {n}.",
    ),
    "rec_pillar": (
        "加大「{value}」内容：它的播放中位数是当月全部视频的 {ratio:.1f} 倍（{videos} 条视频）。",
        "Make more “{value}” videos: their median views were {ratio:.1f}× the month's "
        "({videos} videos).",
    ),
    "rec_roas_low": (
        "检查千川投放：ROAS 只有 {roas:.2f}（消耗 {spend}，成交 {gmv}），低于保本线 1.0。",
        "Review Qianchuan ads: ROAS was only {roas:.2f} (spend {spend}, GMV {gmv}), "
        "below break-even 1.0.",
    ),
    "rec_roas_good": (
        "千川 ROAS {roas:.2f}（消耗 {spend}，成交 {gmv}）：表现好的素材可以适度加量。",
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


def month_title(lang: str, year: int, month: int) -> str:
    """2026年10月 / October 2026."""
    return text(lang, "month_title", year=year, month=month, month_name=MONTH_NAMES[month - 1])
