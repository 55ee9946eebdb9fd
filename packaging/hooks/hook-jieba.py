"""jieba's data for plain word cutting only (``jieba.lcut``, as app/analytics/needs.py uses it).

Replaces the community hook, which ships all of jieba's data (~40 MB: the part-of-speech and
keyword models and the deep-learning mode's model) where ShopReel needs the dictionary and
the HMM tables for unknown words (~6 MB).
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("jieba", includes=["dict.txt", "finalseg/*.p"])
