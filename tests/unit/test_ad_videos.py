"""千川 materials find the 抖音 videos they promote (app.importers.ad_videos)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.db import Store
from app.importers.ad_videos import closest_video, title_key
from app.services.imports import import_files, undo_import
from tests.exports import write_xlsx
from tests.query import fetch

TODAY = date(2026, 11, 28)
MATERIAL_HEADERS = [
    "素材名称", "素材ID", "素材评估", "素材时长", "素材创建时间", "素材来源", "标签", "整体消耗",
    "净成交ROI", "净成交金额", "1小时内退款率", "整体支付ROI", "整体成交金额", "净成交金额结算率",
    "净成交订单数",
]  # fmt: skip
SHIRT, DRESS = "初秋衬衫5种穿法，第3套最绝", "肩宽怎么办｜连衣裙前后对比"
SHIRT_KEY, DRESS_KEY, LOCAL_KEY = (
    "7344269820885727587",
    "7345645336166575289",
    "7332500886700311575",
)
LOCAL = "棉里-口播-抓夹-001-0809"
VIDEO_HEADERS = ["作品名称", "发布时间", "体裁", "发布状态", "播放量", "完播率"]


def material(name: str, key: str, created: str, spend: str, source: str = "抖音号视频") -> list:
    return [
        name, key, "优质", "00:21", created, source, "-", spend, "1.50", "100.00", "2.00%",
        "2.10", "300.00", "90.00%", "3",
    ]  # fmt: skip


def material_file(folder: Path, day: str, rows: list[list]) -> Path:
    name = f"全域数据_素材分析_视频_{day} 00_00_00-{day} 23_59_59-1786757144480.xlsx"
    total = ["全部", "-", "-", "-", "-", "-", "-", "1.00", "-", "-", "-", "-", "-", "-", "-"]
    return write_xlsx(folder / name, {"Sheet1": [MATERIAL_HEADERS, total, *rows]})


def video_file(path: Path, rows: list[tuple[str, str]]) -> Path:
    body = [[title, published, "1min以下视频", "公开", 1000, "20.00%"] for title, published in rows]
    return write_xlsx(path, {"Sheet1": [VIDEO_HEADERS, *body]})


def links(store: Store) -> dict[str, tuple[str | None, str | None, str]]:
    """material key → (video title, video publish time, material name) of the stored rows."""
    found = fetch(
        store,
        "SELECT a.material_key, v.title, v.published_at, a.material_name FROM ad_spend a "
        "LEFT JOIN videos v ON v.id = a.video_id WHERE a.channel = 'qianchuan'",
    )
    return {
        key: (title, published and published[:16], name) for key, title, published, name in found
    }


def imported(store: Store, *paths: Path) -> list[int]:
    results = import_files(store, list(paths), today=TODAY)
    assert [r.status for r in results] == ["imported"] * len(paths), [str(r.error) for r in results]
    return [r.batch_id for r in results if r.batch_id is not None]


def test_titles_compare_without_hashtags_spaces_and_width() -> None:
    assert title_key("今天上新｜连衣裙真实测评\n#穿搭 #平价好物") == title_key(
        "今天上新|连衣裙真实测评"
    )
    assert title_key("ＡＢＣ　秋装 ＃ootd") == title_key("abc秋装")
    assert title_key("肩宽怎么办｜连衣裙") != title_key("肩宽怎么办｜半身裙")
    assert title_key(None) == ""


def test_a_shared_title_goes_to_the_video_published_closest_to_the_creation() -> None:
    early, late = (1, datetime(2026, 9, 6, 21, 20)), (2, datetime(2026, 10, 4, 19, 10))
    # Created hours before the post went out: still that post, not the older one.
    assert closest_video([early, late], datetime(2026, 10, 4, 9, 33)) == 2
    assert closest_video([early, late], datetime(2026, 9, 7, 0, 0)) == 1
    assert closest_video([early, late], None) is None  # two candidates and no time: not guessed
    assert closest_video([late], None) == 2
    assert closest_video([], datetime(2026, 9, 7)) is None


def test_import_names_materials_and_links_them_to_their_videos(
    store: Store, tmp_path: Path
) -> None:
    videos = video_file(
        tmp_path / "作品列表.xlsx",
        [
            (SHIRT + " #穿搭", "2026-09-06 21:20:05"),
            (SHIRT, "2026-10-04 19:10:15"),
            (DRESS + "\n#显瘦", "2026-08-16 18:34:36"),
        ],
    )
    ads = material_file(
        tmp_path,
        "2026-10-05",
        [
            material(SHIRT, SHIRT_KEY, "2026-10-04 09:33:15", "120.50"),
            material("肩宽怎么办|连衣裙前后对比", DRESS_KEY, "2026-08-16 17:50:36", "80.00"),
            material(LOCAL, LOCAL_KEY, "2026-08-09 18:14:52", "50.00", "本地上传"),
        ],
    )
    imported(store, videos, ads)
    assert links(store) == {
        SHIRT_KEY: (SHIRT, "2026-10-04 19:10", SHIRT),
        DRESS_KEY: (DRESS + "\n#显瘦", "2026-08-16 18:34", "肩宽怎么办|连衣裙前后对比"),
        LOCAL_KEY: (None, None, LOCAL),
    }


def test_materials_stored_before_their_video_are_linked_by_the_next_import(
    store: Store, tmp_path: Path
) -> None:
    ads = material_file(
        tmp_path, "2026-08-20", [material(DRESS, DRESS_KEY, "2026-08-16 17:50:36", "80.00")]
    )
    (ad_batch,) = imported(store, ads)
    assert links(store)[DRESS_KEY][0] is None
    videos = video_file(tmp_path / "作品列表.xlsx", [(DRESS, "2026-08-16 18:34:36")])
    (video_batch,) = imported(store, videos)
    assert links(store)[DRESS_KEY][0] == DRESS
    # The link is derived: undoing the video import clears it, and the ad import stays undoable.
    undo_import(store, video_batch)
    assert links(store)[DRESS_KEY][0] is None
    undo_import(store, ad_batch)
    assert links(store) == {}
