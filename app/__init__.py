"""ShopReel (短视频经营台): a local desktop picture of a short-video shop."""

__version__ = "0.1.0"
