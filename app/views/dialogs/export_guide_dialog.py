"""“Where do I get this file?”: the back-end menu path to every export ShopReel reads."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class ExportGuideDialog(QDialog):
    """A page per platform: where each export lives and what to tick before downloading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Where do I get these files?"))
        self.resize(760, 620)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self.guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def sections(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """(platform, [(export, menu path as the platform shows it, what to tick)])."""
        keep_name = self.tr("Keep the file name the platform gives it.")
        return [
            (
                self.tr("Douyin Shop (抖店)"),
                [
                    (
                        self.tr("Orders"),
                        "抖店后台 → 订单 → 订单管理 → 批量导出 → 自定义报表",
                        self.tr(
                            "Choose “以商品维度” (one row per sub-order) and CSV. "
                            "Export a whole month, or overlapping periods: overlaps are merged."
                        ),
                    ),
                    (
                        self.tr("Product reviews"),
                        "抖店后台 → 商品 → 评价管理 → 导出",
                        self.tr("Export all reviews of the period."),
                    ),
                    (
                        self.tr("After-sales (refunds)"),
                        "抖店后台 → 售后 → 售后工作台 → 批量导出",
                        self.tr("Brings refunds, partial ones included, onto the order lines."),
                    ),
                ],
            ),
            (
                self.tr("Douyin creator centre (抖音创作者中心)"),
                [
                    (
                        self.tr("Video list"),
                        "创作者中心 → 数据中心 → 作品分析 → 投稿作品 → 投稿列表"
                        " → 选择全部 → 导出数据",
                        self.tr("Each export is a snapshot; import a new one every week or month."),
                    ),
                    (
                        self.tr("Account overview, one metric per file"),
                        "创作者中心 → 数据中心 → 账号总览 → 选择指标 → 导出数据",
                        self.tr("A file with 日期 and one metric (播放量, 作品点赞, 净增粉丝 …)."),
                    ),
                ],
            ),
            (
                self.tr("Qianchuan ads (巨量千川)"),
                [
                    (
                        self.tr("Material report, one day per file"),
                        "全域推广 → 全域数据 → 素材分析 → 视频 → 选择日期 → 下载",
                        self.tr("Download one file per day. ")
                        + keep_name
                        + self.tr(" The day is only in the name."),
                    ),
                    (
                        self.tr("Product and account reports"),
                        "全域推广 → 全域数据 → 推商品 / 推抖音号 → 下载",
                        self.tr("Per product or per account; they split the same spend."),
                    ),
                ],
            ),
            (
                self.tr("Kuaishou (快手)"),
                [
                    (
                        self.tr("Video list"),
                        "快手创作者服务平台 → 数据中心 → 作品数据 → 作品列表明细 → 导出",
                        keep_name,
                    ),
                ],
            ),
            (
                self.tr("WeChat Channels (视频号)"),
                [
                    (
                        self.tr("Post details"),
                        "视频号助手 → 数据中心 → 视频数据 → 单篇视频 → 下载表格",
                        self.tr("The file is called …动态数据明细.csv."),
                    ),
                ],
            ),
            (
                self.tr("Xiaohongshu (小红书)"),
                [
                    (
                        self.tr("Note list"),
                        "创作服务平台 → 数据中心 → 内容分析 → 笔记数据 → 导出",
                        self.tr("The file is called 笔记列表明细表.xlsx (top 1000 notes)."),
                    ),
                    (
                        self.tr("30-day account data"),
                        "创作服务平台 → 数据中心 → 账号概览 → 近30日数据 → 导出",
                        self.tr("近30日观看/互动/涨粉数据.xlsx: every trend sheet is read."),
                    ),
                ],
            ),
            (
                self.tr("TikTok Studio"),
                [
                    (
                        self.tr("Overview, Content and Follower history"),
                        self.tr("TikTok Studio → Analytics → Download data"),
                        self.tr(
                            "Pick the date range, download Overview and Content. Dates in these "
                            "files have no year: ShopReel works it out and shows it before "
                            "importing."
                        ),
                    ),
                ],
            ),
            (
                self.tr("TikTok Shop"),
                [
                    (
                        self.tr("Orders"),
                        self.tr("Seller Center → Orders → Manage orders → Export → CSV"),
                        self.tr(
                            "One row per order and SKU (OrderSKUList). Do not re-save it in Excel."
                        ),
                    ),
                ],
            ),
            (
                self.tr("Youzan (有赞)"),
                [
                    (
                        self.tr("Customer list"),
                        "有赞后台 → 客户 → 客户管理 → 导出",
                        self.tr("Brings your private-domain customers in."),
                    ),
                ],
            ),
        ]

    def guide_html(self) -> str:
        """The guide as simple HTML."""
        warning = self.tr(
            "Import files as you downloaded them. Opening a file in Excel and saving it can "
            "turn long order numbers into 6.9E+18 and lose their digits; ShopReel refuses such "
            "files and says so."
        )
        parts = [f"<p><b>{escape(warning)}</b></p>"]
        for platform, exports in self.sections():
            parts.append(f"<h3>{escape(platform)}</h3><ul>")
            for name, path, tip in exports:
                parts.append(
                    f"<li><b>{escape(name)}</b>: <code>{escape(path)}</code><br>{escape(tip)}</li>"
                )
            parts.append("</ul>")
        return "".join(parts)
