"""The Qt face of ShopReel: windows, tabs, dialogs and table models. Qt lives only here."""
