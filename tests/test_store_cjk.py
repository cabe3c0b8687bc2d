from store.cjk import cjk_runs, has_cjk


def test_store_cjk_detects_han_kana_hangul():
    assert has_cjk("雷軍") and has_cjk("カタカナ") and has_cjk("한국")
    assert not has_cjk("LEI Jun 03888")


def test_store_cjk_runs_keep_only_cjk_words():
    assert (
        cjk_runs("Mr. LEI Jun (雷軍先生), A股 holder", None, "，本公司。")
        == "雷军先生\nA股\n本公司"  # folded to one script (store.script)
    )
