"""fw_directors_v1 and fw_abstentions_v1 on board paragraphs and abstention sentences."""

from __future__ import annotations

import pytest

from extract import extract_pages
from extract.components.directors import parse_board, split_names

E, N, INED = "executive", "non_executive", "independent_non_executive"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "As at the date of this announcement, the Executive Directors are Messrs. HongJiang "
            "ZHANG, Shun Tak WONG and Tao ZOU; the Non-executive Directors are Messrs. Jun LEI, "
            "Pak "
            "Kwan KAU and Chi Ping LAU; the Independent Non-Executive Directors are Messrs. Tat "
            "Joel, CHANG, Guangming George LU and Chuan WANG.",
            {
                E: ["HongJiang ZHANG", "Shun Tak WONG", "Tao ZOU"],
                N: ["Jun LEI", "Pak Kwan KAU", "Chi Ping LAU"],
                INED: ["Tat Joel CHANG", "Guangming George LU", "Chuan WANG"],
            },
        ),
        (
            "As at the date of this announcement, the Board comprises Mr. Zhang Hongbo and Ms. Xu "
            "Li as executive Directors; Mr. Liu Zhiwei (Chairman) and Mr. Gao Jian as "
            "non-executive "
            "Directors; and Dr. Wong Kwok Keung and Ms. Guo Xiaoyan as independent non-executive "
            "Directors.",
            {
                E: ["Zhang Hongbo", "Xu Li"],
                N: ["Liu Zhiwei", "Gao Jian"],
                INED: ["Wong Kwok Keung", "Guo Xiaoyan"],
            },
        ),
        (
            "As at the date of this announcement, the executive Directors of the Company are Mr. "
            "Yang Guoqiang (Chairman and Chief Executive Officer) and Ms. Yang Lihua, the "
            "non-executive Director is Mr. Liu Zhiwei, and the independent non-executive Directors "
            "are Mr. LAM Siu Fung, Alan, Ms. CHOI Wing Yan and Mr. KO Man Hon.",
            {
                E: ["Yang Guoqiang", "Yang Lihua"],
                N: ["Liu Zhiwei"],
                INED: ["LAM Siu Fung Alan", "CHOI Wing Yan", "KO Man Hon"],
            },
        ),
        (
            "As at the date of this announcement, the Board comprises Dr. Li Ka-shing, GBM, JP "
            "(executive Director) and Mr. Peter CHAN (independent non-executive Director).",
            {E: ["Li Ka-shing"], N: [], INED: ["Peter CHAN"]},
        ),
    ],
)
def test_directors_board_paragraph(paragraph: str, expected: dict) -> None:
    assert parse_board(paragraph) == expected


def test_directors_namely_lists_with_roman_numerals() -> None:
    text = (
        "As at the date of this announcement, the Board consists of (i) three executive "
        "Directors, namely Mr. Chan Tai Man, Ms. Lee Siu Ling and Mr. Ho Ka Fai; (ii) one "
        "non-executive Director, namely Mr. Wong Kin; and (iii) two independent non-executive "
        "Directors, namely Dr. Cheung Wai and Ms. Yu Mei."
    )
    assert parse_board(text) == {
        E: ["Chan Tai Man", "Lee Siu Ling", "Ho Ka Fai"],
        N: ["Wong Kin"],
        INED: ["Cheung Wai", "Yu Mei"],
    }


def test_directors_one_category_per_line() -> None:
    text = (
        "As at the date of this announcement, the Board comprises:\n"
        "Executive Directors: Mr. CHAN Tai Man and Ms. LEE Mei\n"
        "Independent non-executive Directors: Mr. WONG Siu Ming and Dr. HO Ka Yan\n"
    )
    out = extract_pages([text])["directors"]
    assert out == {E: ["CHAN Tai Man", "LEE Mei"], N: [], INED: ["WONG Siu Ming", "HO Ka Yan"]}


def test_directors_split_names_merges_comma_surnames() -> None:
    assert split_names("Messrs. Tat Joel, CHANG and Chuan WANG") == ["Tat Joel CHANG", "Chuan WANG"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Captain Peter OLSEN and Capt. NG Ho", ["Peter OLSEN", "NG Ho"]),
        ("Tan Sri Dato' KHOO Boon Seng, Dato' Sri AZMAN Yusof", ["KHOO Boon Seng", "AZMAN Yusof"]),
        ("Datuk Seri ONG Kim Lee and Puan NORLIZA Hamid", ["ONG Kim Lee", "NORLIZA Hamid"]),
        ("Ir Dr. FUNG Chi Wai, Commander Ian BLAKE", ["FUNG Chi Wai", "Ian BLAKE"]),
        ("Mr. Tan Sze Ming and Dr. Tan Sri Lan", ["Tan Sze Ming", "Tan Sri Lan"]),
    ],
)
def test_directors_ranks_and_malaysian_honorifics_are_titles(names: str, expected: list) -> None:
    """A rank or a two-word honorific before a name is no part of it; "Tan" after a title is
    a surname."""
    assert split_names(names) == expected


BOARD = (
    "As at the date of this announcement, the executive Directors are Mr. TSANG Wing Hong, "
    "Mr. TSANG Chi Yan and Ms. LEUNG Wai Sze; and the independent non-executive Director is "
    "Mr. YIP Tak Ming."
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mr. TSANG Wing Hong has abstained from voting on the board resolution.",
            ["TSANG Wing Hong"],
        ),
        (
            "Mr. TSANG Wing Hong and Mr. TSANG Chi Yan (the son of Mr. TSANG Wing Hong), who have "
            "material interests, abstained from voting on the relevant Board resolutions.",
            ["TSANG Wing Hong", "TSANG Chi Yan"],
        ),
        (
            "Given their interests, Mr. TSANG Chi Yan and Ms. LEUNG Wai Sze did not vote on the "
            "relevant Board resolutions.",
            ["TSANG Chi Yan", "LEUNG Wai Sze"],
        ),
        (
            "None of the Directors has a material interest and no Director was required to abstain "
            "from voting on the Board resolution.",
            [],
        ),
        ("Mr. TSANG Wing Hong and his associates will abstain from voting at the EGM.", []),
        (
            "Messrs. TSANG Wing Hong and TSANG Chi Yan have abstained from voting on the board "
            "resolution.",
            ["TSANG Wing Hong", "TSANG Chi Yan"],
        ),
    ],
)
def test_abstentions(sentence: str, expected: list[str]) -> None:
    assert extract_pages([sentence + "\n\n" + BOARD])["abstained_directors"] == expected


# --- board layouts and abstentions as others write them (issue 11) -------------------------

BOARD_IN_COLUMNS = (
    "As at the date of this announcement, the Board comprises:\n\n"
    "Executive Directors:                    Independent non-executive Directors:\n"
    "Mr. KAN Wai Lun (Chairman)              Mr. SZE Tin Yau\n"
    "Ms. OU Ling                             Ms. MAK Yuen Yee\n\n"
    "Non-executive Director:\n"
    "Mr. TUNG Kwok Fai\n"
)


def board_of(text: str) -> dict:
    return extract_pages(["Hong Kong, 1 April 2025\n\n" + text])["directors"]


def test_joint_announcement_the_board_of_the_issuer_named_first() -> None:
    """Two listed issuers, one board paragraph each, in the order of the heading: the first
    issuer's board, and a category it does not have is not borrowed from the second's."""
    text = (
        "As at the date of this joint announcement, the board of directors of Alder Mining "
        "Co., Ltd. comprises Mr. Qin Hao and Ms. Du Lan as executive directors; and Mr. Ho Tin, "
        "Dr. Lu Pei and Ms. Mo Xin as independent non-executive directors.\n\n"
        "As at the date of this joint announcement, the board of directors of Birch Power "
        "Limited comprises Mr. Yao Bin as executive director; Mr. Qin Hao as non-executive "
        "director; and Mr. Cai Wen, Ms. Ren Yu and Mr. Sun Ke as independent non-executive "
        "directors.\n"
    )
    assert board_of(text) == {
        E: ["Qin Hao", "Du Lan"],
        N: [],
        INED: ["Ho Tin", "Lu Pei", "Mo Xin"],
    }
    by_category = (
        "As at the date of this joint announcement, the executive directors of AB Port Group "
        "are Mr. Kan Yi and Ms. Wu Su; the independent non-executive directors of AB Port Co., "
        "Ltd. are Mr. Fu Ming and Mr. Le Jun.\n\n"
        "As at the date of this joint announcement, the executive director of CD Shipping is "
        "Mr. Gu Rui; the independent non-executive directors of CD Shipping are Mr. Xu Da and "
        "Ms. Pan Qi.\n"
    )
    assert board_of(by_category) == {E: ["Kan Yi", "Wu Su"], N: [], INED: ["Fu Ming", "Le Jun"]}
    # no blank line between the two boards: the first does not run into the second
    assert board_of(text.replace("\n\n", "\n"))[E] == ["Qin Hao", "Du Lan"]
    # a statement wrapped after "of", the issuer's name on the next line
    wrapped = text.replace("directors of Alder", "directors of\nAlder").replace(
        "directors of Birch", "directors of\nBirch"
    )
    assert board_of(wrapped)[E] == ["Qin Hao", "Du Lan"]
    # the first board a list under headings, the second a named issuer's sentence
    listed = (
        "As at the date of this joint announcement, the Board comprises:\n\n"
        "Executive Directors:\nMr. Qin Hao\nMs. Du Lan\n\n"
        "Independent non-executive Directors:\nMr. Ho Tin\nDr. Lu Pei\n\n"
        "As at the date of this joint announcement, the board of directors of Birch Power "
        "Limited comprises Mr. Yao Bin as executive director; and Mr. Cai Wen as independent "
        "non-executive director.\n"
    )
    assert board_of(listed) == {E: ["Qin Hao", "Du Lan"], N: [], INED: ["Ho Tin", "Lu Pei"]}
    # the first issuer is "the Company", the second is named
    company_first = text.replace("the board of directors of Alder Mining Co., Ltd.", "the Board")
    assert board_of(company_first)[E] == ["Qin Hao", "Du Lan"]


def test_a_board_counted_first_then_named_of_whom() -> None:
    text = (
        "As at the date of this announcement, the Board comprises five Directors, of whom Mr. Ou "
        "Yang and Ms. Jin Mei are executive Directors, Mr. Shi Lei is a non-executive Director, "
        "and Dr. Wei Na and Mr. Kong Bo are independent non-executive Directors."
    )
    assert parse_board(text) == {
        E: ["Ou Yang", "Jin Mei"],
        N: ["Shi Lei"],
        INED: ["Wei Na", "Kong Bo"],
    }


def test_a_board_naming_its_issuer_alone_is_that_board() -> None:
    holding = (
        "As at the date of this announcement, Mr. Ng Po, an executive Director, holds 30% of "
        "the issued shares of the Company.\n"
    )
    text = (
        "As at the date of this announcement, the board of directors of Cedar Holdings Limited "
        "comprises Mr. Ng Po as executive director and Ms. Ip Wan as independent non-executive "
        "director.\n"
    )
    assert board_of(text) == {E: ["Ng Po"], N: [], INED: ["Ip Wan"]}
    assert board_of(holding + text) == {E: ["Ng Po"], N: [], INED: ["Ip Wan"]}


def test_name_position_table_whose_first_row_is_on_the_lead_line() -> None:
    """A PDF reader may join "... the following Directors:" and the table's first row."""
    rows = (
        "Ms. Lo Yan — Chairman and Executive Director\n"
        "Mr. Ha Bo — Non-executive Director\n"
        "Dr. Ki Fai — Independent Non-executive Director\n"
    )
    want = {E: ["Lo Yan"], N: ["Ha Bo"], INED: ["Ki Fai"]}
    lead = "As at the date of this announcement, the Board comprises the following Directors:"
    assert board_of(f"{lead}\n{rows}") == want
    assert board_of(f"{lead} {rows}") == want


@pytest.mark.parametrize(
    "board",
    [
        "DIRECTORS\n\nExecutive Directors\nMr. Yip Sau (Chairman)\nMs. Chu Lai\n\n"
        "Non-executive Director\nMr. Kam On\n\nIndependent non-executive Directors\n"
        "Dr. Tse Wing\nMs. Lui Ping\n",
        "Board of Directors\nExecutive Directors\nYip Sau (Chairman)\nChu Lai\n"
        "Non-Executive Director\nKam On\nIndependent Non-Executive Directors\nTse Wing\n"
        "Lui Ping\n",
        "DIRECTORS\n\nName              Position\n"
        "Mr. Yip Sau        Executive Director (Chairman)\n"
        "Ms. Chu Lai        Executive Director\nMr. Kam On         Non-executive Director\n"
        "Dr. Tse Wing       Independent Non-executive Director\n"
        "Ms. Lui Ping       Independent Non-executive Director\n",
        "BOARD OF DIRECTORS\n\nName of Director     Designation\n"
        "Yip Sau              Chairman and Executive Director\nChu Lai              Executive "
        "Director\nKam On               Non-executive Director\nTse Wing             "
        "Independent Non-executive Director\nLui Ping             Independent Non-executive "
        "Director\n",
        "Directors\n\nMr. Yip Sau – Executive Director (Chairman)\nMs. Chu Lai – Executive "
        "Director\nMr. Kam On – Non-executive Director\nDr. Tse Wing – Independent "
        "Non-executive Director\nMs. Lui Ping – Independent Non-executive Director\n",
    ],
)
def test_a_board_under_a_heading_with_no_sentence(board: str, tmp_path) -> None:
    """ "DIRECTORS" or "Board of Directors" alone over category headings or a Name/Position
    table opens the board, from text and from PDF."""
    from support.pdfs import render_text_pdf

    from extract import extract_file

    want = {E: ["Yip Sau", "Chu Lai"], N: ["Kam On"], INED: ["Tse Wing", "Lui Ping"]}
    text = f"{_SIGNED}{board}"
    assert extract_pages([text])["directors"] == want
    assert extract_file(render_text_pdf(text, tmp_path / "board.pdf"))["directors"] == want


def test_a_directors_heading_over_no_board_opens_nothing() -> None:
    text = "Directors\nThe Directors consider the terms fair and reasonable.\n"
    assert board_of(text) == {E: [], N: [], INED: []}


def test_board_in_two_columns_then_a_category_below() -> None:
    assert board_of(BOARD_IN_COLUMNS) == {
        E: ["KAN Wai Lun", "OU Ling"],
        N: ["TUNG Kwok Fai"],
        INED: ["SZE Tin Yau", "MAK Yuen Yee"],
    }


def test_board_paragraph_wrapped_over_lines_and_dash_lists() -> None:
    wrapped = (
        "As at the date of this announcement, the Board comprises Mr. KAN Wai Lun, Ms. OU Ling "
        "and\nMr. PANG Chi as executive Directors; and Mr. SZE Tin Yau as independent "
        "non-executive Director.\n"
    )
    assert board_of(wrapped) == {
        E: ["KAN Wai Lun", "OU Ling", "PANG Chi"],
        N: [],
        INED: ["SZE Tin Yau"],
    }
    dashes = (
        "As at the date of this announcement:\n"
        "Executive Directors — Mr. KAN Wai Lun (Chairman) and Ms. OU Ling\n"
        "Independent non-executive Directors — Dato' SZE Tin Yau and Mr. LEE Hop\n"
    )
    assert board_of(dashes) == {
        E: ["KAN Wai Lun", "OU Ling"],
        N: [],
        INED: ["SZE Tin Yau", "LEE Hop"],
    }


def abstained(text: str) -> list[str]:
    board = (
        "As at the date of this announcement, the executive Directors are Mr. KAN Wai Lun and "
        "Ms. OU Ling; and the independent non-executive Director is Mr. SZE Tin Yau.\n"
    )
    return extract_pages([text + "\n\nHong Kong, 1 April 2025\n\n" + board])["abstained_directors"]


def test_abstentions_per_clause_and_not_at_the_general_meeting() -> None:
    text = (
        "Mr. KAN Wai Lun has abstained from voting on the Board resolution approving the Supply "
        "Agreement, and Ms. OU Ling has abstained from voting on the Board resolution approving "
        "the Lease. Mr. KAN Wai Lun and his associates will abstain from voting at the EGM."
    )
    assert abstained(text) == ["KAN Wai Lun", "OU Ling"]


def test_has_not_voted_and_relatives_named_beside_an_abstaining_director() -> None:
    text = (
        "Ms. OU Ling, the daughter of Mr. OU Tak, being the guarantor, has therefore not voted "
        "on the resolutions of the Board. Mr. KAN Wai Lun, in view of his relationship with "
        "Mr. LO Pak, did not vote on the resolutions."
    )
    assert abstained(text) == ["OU Ling", "KAN Wai Lun"]


def test_abstaining_directors_listed_after_the_verb_or_named_with_abstaining() -> None:
    assert abstained(
        "The following Directors abstained from voting on the Board resolution: Mr. KAN Wai "
        "Lun and Ms. OU Ling."
    ) == ["KAN Wai Lun", "OU Ling"]
    assert abstained(
        "The Board resolution was passed with Mr. SZE Tin Yau abstaining from voting."
    ) == ["SZE Tin Yau"]


def test_board_lines_with_two_names_run_together() -> None:
    text = (
        "As at the date of this announcement, the Board comprises the following Directors:\n\n"
        "Mr. KAN Wai Lun (Chairman and Executive Director)\n"
        "Ms. OU Ling (Executive Director) Mr. TUNG Kwok Fai (Non-executive Director)\n"
        "Mr. SZE Tin Yau (Independent Non-executive Director)\n"
    )
    assert board_of(text) == {
        E: ["KAN Wai Lun", "OU Ling"],
        N: ["TUNG Kwok Fai"],
        INED: ["SZE Tin Yau"],
    }


def test_directors_english_names_after_a_comma_and_an_empty_category() -> None:
    board = parse_board(
        "As at the date of this announcement, the Board comprises Mr. WONG Ka Fai, Kevin and "
        "Ms. HO Lai Ping, Winnie as executive Directors, and Mr. SO Kwok Keung, Eric as "
        "independent non-executive Director. There is no non-executive Director."
    )
    assert board == {
        "executive": ["WONG Ka Fai Kevin", "HO Lai Ping Winnie"],
        "non_executive": [],
        "independent_non_executive": ["SO Kwok Keung Eric"],
    }


def test_directors_one_per_line_with_engineer_title() -> None:
    board = board_of(
        "As at the date of this announcement, the directors of the Company are:\n\n"
        "Executive Director:\nMr. KO Chun Hei\n\nIndependent Non-executive Directors:\n"
        "Mr. LEUNG Tat Chi, BBS, MH, JP\nIr. MAK Kwong Yiu\n"
    )
    assert board["independent_non_executive"] == ["LEUNG Tat Chi", "MAK Kwong Yiu"]


_SIX = {
    E: ["CHAN Tai Man", "LEE Mei Ling"],
    N: ["HO Kin Wah"],
    INED: ["LAU Chi Keung", "WONG Siu Ming", "NG Ka Wai"],
}
_SIGNED = (
    "By order of the Board\nABC Holdings Limited\nCHAN Tai Man\nChairman\n\n"
    "Hong Kong, 15 March 2026\n\n"
)


# boards whose categories are footnote marks, brackets or positions on each name's line, or
# headings over rows of names
_MARKED_BOARDS = [
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Mr. CHAN Tai Man, GBS, JP (Chairman)+\nMs. LEE Mei Ling+\nDr. HO Kin Wah#\n"
        "Mr. LAU Chi Keung, MH**\nIr WONG Siu Ming**\nMr. NG Ka Wai**\n\n"
        "+  Executive Directors\n#  Non-executive Director\n"
        "** Independent non-executive Directors",
        id="one name a line, marks after honours and brackets, legend under the list",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n"
        "Mr. CHAN Tai Man (Chairman)\nMs. LEE Mei Ling\nDr. HO Kin Wah #\n"
        "Mr. LAU Chi Keung *\nMr. WONG Siu Ming *\nMr. NG Ka Wai *\n\n"
        "# Non-executive Director\n* Independent non-executive Directors",
        id="spaced marks, executive names unmarked",
    ),
    pytest.param(
        "As at the date of this announcement, the Directors are Mr. CHAN Tai Man¹ "
        "(Chairman), Ms. LEE Mei Ling¹, Dr. HO Kin Wah², Mr. LAU Chi Keung³, Mr. WONG Siu "
        "Ming³ and Mr. NG Ka Wai³.\n\n¹ Executive Director\n² Non-executive Director\n"
        "³ Independent non-executive Director",
        id="superscript numbers as marks, a bracket after the mark",
    ),
    pytest.param(
        "As at the date of this announcement, the Directors are Mr. CHAN Tai Man1 "
        "(Chairman), Ms. LEE Mei Ling1, Dr. HO Kin Wah2, Mr. LAU Chi Keung3, Mr. WONG Siu "
        "Ming3 and Mr. NG Ka Wai3.\n\n1 Executive Directors\n2 Non-executive Director\n"
        "3 Independent non-executive Directors",
        id="superscript numbers read from a PDF as plain digits",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n"
        "Mr. CHAN Tai Man (Chairman) ¹\nMs. LEE Mei Ling ¹\nDr. HO Kin Wah ²\n"
        "Mr. LAU Chi Keung ³\nMr. WONG Siu Ming ³\nMr. NG Ka Wai ³\n\n"
        "¹ Executive Directors\n² Non-executive Director\n³ Independent non-executive Directors",
        id="superscript marks after a space, one name a line",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n"
        "Mr. CHAN Tai Man (Chairman and executive Director)\n"
        "Ms. LEE Mei Ling (executive Director)\nDr. HO Kin Wah (non-executive Director)*\n"
        "Mr. LAU Chi Keung (independent non-executive Director)\n"
        "Mr. WONG Siu Ming (independent non-executive Director)\n"
        "Mr. NG Ka Wai (independent non-executive Director)\n\n"
        "* appointed on the nomination of the controlling shareholder",
        id="category in brackets a line each, a mark whose legend is no category",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises Mr. CHAN Tai Man, Ms. LEE Mei "
        "Ling, Dr. HO Kin Wah#, Mr. LAU Chi Keung*, Mr. WONG Siu Ming* and Mr. NG Ka Wai*.\n\n"
        "# Non-executive Director    * Independent non-executive Directors",
        id="the legend of two marks on one line",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n"
        "Mr. CHAN Tai Man, Chairman and Executive Director\nMs. LEE Mei Ling, Executive Director"
        "\nDr. HO Kin Wah, JP, Non-executive Director\n"
        "Mr. LAU Chi Keung, Independent Non-executive Director\n"
        "Mr. WONG Siu Ming, Independent Non-executive Director\n"
        "Mr. NG Ka Wai, Independent Non-executive Director",
        id="one director a line, the position after a comma",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Chairman and executive Director:\nMr. CHAN Tai Man\nExecutive Director:\n"
        "Ms. LEE Mei Ling\nNon-executive Director:\nDr. HO Kin Wah\n"
        "Independent non-executive Directors:\nMr. LAU Chi Keung\nMr. WONG Siu Ming\n"
        "Mr. NG Ka Wai",
        id="a heading led by the chairman's role, then one per category",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\nExecutive Directors:\n"
        "Mr. CHAN Tai Man (Chairman)  Ms. LEE Mei Ling\n\nNon-executive Director:\n"
        "Dr. HO Kin Wah\n\nIndependent non-executive Directors:\n"
        "Mr. LAU Chi Keung  Mr. WONG Siu Ming  Mr. NG Ka Wai",
        id="several names in a row under a heading",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Mr. CHAN Tai Man (Chairman) and Ms. LEE Mei Ling as executive Directors;\n"
        "Dr. HO Kin Wah as non-executive Director; and\n"
        "Mr. LAU Chi Keung, Mr. WONG Siu Ming and Mr. NG Ka Wai as independent non-executive "
        "Directors.",
        id="one clause of names and their category a line",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises Mr. CHAN Tai Man (ED), Ms. "
        "LEE Mei Ling (ED), Dr. HO Kin Wah (NED), Mr. LAU Chi Keung (INED), Mr. WONG Siu Ming "
        "(INED) and Mr. NG Ka Wai (INED).",
        id="ED, NED and INED in brackets",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Mr. CHAN Tai Man (Chairman)\nMs. LEE Mei Ling\n#Dr. HO Kin Wah\n†Mr. LAU Chi Keung\n"
        "†Mr. WONG Siu Ming\n†Mr. NG Ka Wai\n\n# Non-executive Director\n"
        "† Independent non-executive Directors",
        id="the mark before the name",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises Mr. CHAN Tai Man, Ms. LEE Mei "
        "Ling, Dr. HO Kin Wah (1), Mr. LAU Chi Keung (2), Mr. WONG Siu Ming (2) and Mr. NG Ka "
        "Wai (2).\n\n(1) Non-executive Director\n(2) Independent non-executive Directors",
        id="numbers in brackets as marks",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "(i) Mr. CHAN Tai Man (Chairman) and Ms. LEE Mei Ling as executive Directors;\n"
        "(ii) Dr. HO Kin Wah as non-executive Director; and\n(iii) Mr. LAU Chi Keung, Mr. WONG "
        "Siu Ming and Mr. NG Ka Wai as independent non-executive Directors.",
        id="numbered clauses a line",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\nExecutive Directors:\n"
        "1. Mr. CHAN Tai Man (Chairman)\n2. Ms. LEE Mei Ling\nNon-executive Director:\n"
        "3. Dr. HO Kin Wah\nIndependent non-executive Directors:\n4. Mr. LAU Chi Keung\n"
        "5. Mr. WONG Siu Ming\n6. Mr. NG Ka Wai",
        id="numbered names under headings",
    ),
    pytest.param(
        "Executive Directors\nMr. CHAN Tai Man (Chairman)\nMs. LEE Mei Ling\n\n"
        "Non-executive Director\nDr. HO Kin Wah\n\nIndependent non-executive Directors\n"
        "Mr. LAU Chi Keung\nMr. WONG Siu Ming\nMr. NG Ka Wai",
        id="bare headings with no sentence above them",
    ),
    pytest.param(
        "At the date hereof, our Board comprises Mr. CHAN Tai Man (Chairman) and Ms. LEE Mei "
        "Ling as executive Directors, Dr. HO Kin Wah as non-executive Director, and Mr. LAU Chi "
        "Keung, Mr. WONG Siu Ming and Mr. NG Ka Wai as independent non-executive Directors.",
        id="at the date hereof, our Board",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises Mr. CHAN Tai Man, Ms. LEE Mei "
        "Ling, Dr. HO Kin Wah*, Mr. LAU Chi Keung#, Mr. WONG Siu Ming# and Mr. NG Ka Wai# (* "
        "non-executive Director; # independent non-executive Directors).",
        id="the legend in brackets after the names",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\nName  Category\n"
        "陳大文  Mr. CHAN Tai Man  Executive Director\n李美玲  Ms. LEE Mei Ling  Executive "
        "Director\n何建華  Dr. HO Kin Wah  Non-executive Director\n劉志強  Mr. LAU Chi Keung  "
        "Independent Non-executive Director\n黃少明  Mr. WONG Siu Ming  Independent "
        "Non-executive Director\n吳家偉  Mr. NG Ka Wai  Independent Non-executive Director",
        id="a table with the Chinese name in its own first column",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n1. Executive Directors\n"
        "Mr. CHAN Tai Man (Chairman)\nMs. LEE Mei Ling\n2. Non-executive Director\n"
        "Dr. HO Kin Wah\n3. Independent non-executive Directors\nMr. LAU Chi Keung\n"
        "Mr. WONG Siu Ming\nMr. NG Ka Wai",
        id="numbered category headings",
    ),
    pytest.param(
        "As at the date of this announcement, the Directors are Mr. CHAN Tai Man1 (Chairman), "
        "Ms. LEE Mei Ling1, Dr. HO Kin Wah2, Mr. LAU Chi Keung3, Mr. WONG Siu Ming3 and Mr. NG "
        "Ka Wai3.\n\n1. Executive Directors\n2. Non-executive Director\n"
        "3. Independent non-executive Directors",
        id="a numbered legend of plain digits",
    ),
]


@pytest.mark.parametrize(
    "board",
    [
        pytest.param(
            "As at the date of this announcement, the executive Directors are Mr. CHAN Tai\n"
            "Man and Ms. LEE Mei Ling; the non-executive Director is Dr. HO Kin Wah; and the\n"
            "independent non-executive Directors are Mr. LAU Chi Keung, Mr. WONG Siu Ming and\n"
            "Mr. NG Ka Wai.",
            id="paragraph wrapped mid-category",
        ),
        pytest.param(
            "As at the date of this announcement, the executive Directors are Mr. CHAN Tai Man "
            "and Ms. LEE Mei Ling; the non-executive Director is Dr. HO Kin Wah; and\n\n– 3 –"
            "\f\nthe independent non-executive Directors are Mr. LAU Chi Keung, Mr. WONG Siu Ming"
            " and Mr. NG Ka Wai.\n\n– 4 –",
            id="paragraph over a page break with page-number footers",
        ),
        pytest.param(
            "As at the date of this announcement, the Directors are:\n\nName  Position\n"
            "Mr. CHAN Tai Man  Executive Director (Chairman)\nMs. LEE Mei Ling  Executive Director"
            "\nDr. HO Kin Wah  Non-executive Director\nMr. LAU Chi Keung  Independent "
            "non-executive Director\nMr. WONG Siu Ming  Independent non-executive Director\n"
            "Mr. NG Ka Wai  Independent non-executive Director",
            id="name and position table",
        ),
        pytest.param(
            "As at the date of this announcement, the Directors are:\n\n"
            "Mr. CHAN Tai Man — Chairman and Executive Director\nMs. LEE Mei Ling — Executive "
            "Director\nDr. HO Kin Wah — Non-executive Director\nMr. LAU Chi Keung — Independent "
            "Non-executive Director\nMr. WONG Siu Ming — Independent Non-executive Director\n"
            "Mr. NG Ka Wai — Independent Non-executive Director",
            id="one director per line, position after a dash",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises Mr. CHAN Tai Man, Ms. LEE "
            "Mei Ling, Dr. HO Kin Wah*, Mr. LAU Chi Keung**, Mr. WONG Siu Ming** and Mr. NG Ka "
            "Wai**.\n\n* Non-executive Director\n** Independent non-executive Directors",
            id="footnote marks and their legend",
        ),
        pytest.param(
            "As at the date of this announcement, the Directors are Mr. CHAN Tai Man (Chairman) "
            "and Ms. LEE Mei Ling as executive Directors; Mr. HO Kin Wah as NED; and Mr. LAU Chi "
            "Keung, Mr. WONG Siu Ming and Mr. NG Ka Wai as INEDs.",
            id="abbreviated categories",
        ),
        pytest.param(
            "At the date of this announcement, the Board is made up of two executive Directors, "
            "Mr. CHAN Tai Man and Ms. LEE Mei Ling, one non-executive Director, Dr. HO Kin Wah, "
            "and three independent non-executive Directors, The Honourable LAU Chi Keung, GBS, "
            "JP, Mr. WONG Siu Ming and Mr. NG Ka Wai.",
            id="made up of, The Honourable",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises:\n\nExecutive Directors:\n"
            "Mr. CHAN Tai Man (陳大文) (Chairman)\nMs. LEE Mei Ling (李美玲)\n\n"
            "Non-executive Director:\nDr. HO Kin Wah (何建華)\n\n"
            "Independent non-executive Directors:\nMr. LAU Chi Keung (劉志強)\n"
            "Mr. WONG Siu Ming (黃少明)\nMr. NG Ka Wai (吳家偉)",
            id="headings, Chinese names and roles in brackets",
        ),
        pytest.param(
            "As at the date of this announcement, the executive Directors are Mr. CHAN Tai Man "
            "and Ms. LEE Mei Ling.\n\nThe non-executive Director is Dr. HO Kin Wah.\n\n"
            "The independent non-executive Directors are Mr. LAU Chi Keung, Mr. WONG Siu Ming "
            "and Mr. NG Ka Wai.",
            id="one short paragraph per category",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises two executive Directors, "
            "namely Mr. CHAN Tai Man and Ms. LEE Mei Ling.\n\nThe Board also comprises one "
            "non-executive Director, Dr. HO Kin Wah, and three independent non-executive "
            "Directors, namely Mr. LAU Chi Keung, Mr. WONG Siu Ming and Mr. NG Ka Wai.",
            id="the board over two paragraphs",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises the following members:\n"
            "Executive Directors\n- Mr. CHAN Tai Man (Chairman)\n- Ms. LEE Mei Ling\n"
            "Non-executive Director\n- Dr. HO Kin Wah\nIndependent non-executive Directors\n"
            "- Mr. LAU Chi Keung\n- Mr. WONG Siu Ming\n- Mr. NG Ka Wai",
            id="bulleted names under category headings",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises:\n\nExecutive Directors:\n"
            "Mr. CHAN Tai Man  陳大文\nMs. LEE Mei Ling  李美玲\n\nNon-executive Director:\n"
            "Dr. HO Kin Wah  何建華\n\nIndependent non-executive Directors:\n"
            "Mr. LAU Chi Keung  劉志強\nMr. WONG Siu Ming  黃少明\nMr. NG Ka Wai  吳家偉",
            id="English and Chinese names in two columns",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises Mr. CHAN Tai Man*, Ms. LEE "
            "Mei Ling*, Dr. HO Kin Wah#, Mr. LAU Chi Keung+, Mr. WONG Siu Ming+ and Mr. NG Ka "
            "Wai+.\n\n* Executive Directors\n# Non-executive Director\n"
            "+ Independent non-executive Directors",
            id="a mark for every category, plus signs included",
        ),
        pytest.param(
            "As at the date of this announcement, the Board comprises:\n\nExecutive Directors  "
            "Non-executive Director  Independent non-executive Directors\n"
            "Mr. CHAN Tai Man  Dr. HO Kin Wah  Mr. LAU Chi Keung\n"
            "Ms. LEE Mei Ling  -  Mr. WONG Siu Ming\n-  -  Mr. NG Ka Wai",
            id="three columns with dashes for empty cells",
        ),
        *_MARKED_BOARDS,
    ],
)
def test_board_layouts(board: str) -> None:
    pages = f"{_SIGNED}{board}\n".split("\f")
    assert extract_pages(pages)["directors"] == _SIX


@pytest.mark.parametrize("board", _MARKED_BOARDS)
def test_marked_boards_from_pdf(board: str, tmp_path) -> None:
    """The same boards read back from a PDF (where the test renderer drops "**")."""
    from support.pdfs import render_text_pdf

    from extract import extract_file

    pdf = render_text_pdf(f"{_SIGNED}{board}\n", tmp_path / "board.pdf")
    assert extract_file(pdf)["directors"] == _SIX


def test_a_board_sentence_right_under_the_signature_starts_its_own_paragraph() -> None:
    """An HTML page's paragraphs come with no blank line between them: "As at the date ..."
    under "Hong Kong, 15 March 2026" is not the end of the signature block."""
    text = (
        "By order of the Board\nABC Holdings Limited\nCHAN Tai Man\nChairman\n"
        "Hong Kong, 15 March 2026\nAs at the date of this announcement, the Board comprises:\n"
        "Mr. CHAN Tai Man (Chairman and executive Director)\nMs. LEE Mei Ling (executive "
        "Director)\nDr. HO Kin Wah (non-executive Director)\nMr. LAU Chi Keung (independent "
        "non-executive Director)\nMr. WONG Siu Ming (independent non-executive Director)\n"
        "Mr. NG Ka Wai (independent non-executive Director)\n"
    )
    assert extract_pages([text])["directors"] == _SIX


def test_a_footnote_legend_without_marks_is_not_a_board_of_marks() -> None:
    """A "* For identification purposes only" legend under a plain paragraph changes nothing."""
    board = (
        "As at the date of this announcement, the executive Directors are Mr. CHAN Tai Man and "
        "Ms. LEE Mei Ling; the non-executive Director is Dr. HO Kin Wah; and the independent "
        "non-executive Directors are Mr. LAU Chi Keung, Mr. WONG Siu Ming and Mr. NG Ka Wai.\n\n"
        "* For identification purposes only"
    )
    assert extract_pages([f"{_SIGNED}{board}\n"])["directors"] == _SIX


def test_a_category_sentence_in_the_body_is_not_part_of_the_board() -> None:
    """Only board sentences in the board's own run of lines fill a category it leaves empty: a
    body paragraph naming a non-executive Director above the signature is not one of them."""
    body = (
        "Mr. YIU Kam Fai, a non-executive Director, is interested in the Agreement and has "
        "abstained from voting on the board resolutions.\n\n"
    )
    board = (
        "As at the date of this announcement, the executive Directors are Mr. CHAN Tai Man and "
        "Ms. LEE Mei Ling; and the independent non-executive Directors are Mr. LAU Chi Keung, "
        "Mr. WONG Siu Ming and Mr. NG Ka Wai."
    )
    got = extract_pages([f"{body}{_SIGNED}{board}\n"])["directors"]
    assert got == {**_SIX, N: []}


_GRID_BOARDS = [
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Executive Directors  Non-executive Director  Independent non-executive Directors\n"
        "Mr. CHAN Tai Man  Dr. HO Kin Wah  Mr. LAU Chi Keung\n"
        "Ms. LEE Mei Ling    Mr. WONG Siu Ming\n"
        "    Mr. NG Ka Wai",
        id="blank cells as wider gaps",
    ),
    pytest.param(
        "As at the date of this announcement, the Directors are:\n\n"
        "Executive Directors:     Non-executive Director:    Independent non-executive Directors:\n"
        "Mr. CHAN Tai Man         Dr. HO Kin Wah             Mr. LAU Chi Keung\n"
        "Ms. LEE Mei Ling                                    Mr. WONG Siu Ming\n"
        "                                                    Mr. NG Ka Wai",
        id="blank cells in a table aligned with spaces",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Executive Directors:  Independent non-executive Directors:\n"
        "Mr. CHAN Tai Man  Mr. LAU Chi Keung\n"
        "Ms. LEE Mei Ling  Mr. WONG Siu Ming\n"
        "Non-executive Director:  Mr. NG Ka Wai\n"
        "Dr. HO Kin Wah",
        id="a category heading inside the first column",
    ),
]


_GRID_BOARDS += [
    pytest.param(
        "The Directors as at the date of this announcement are:\n\nName  Position\n"
        "Mr. CHAN Tai Man (陳大文)  Chairman of the Board, Executive Director and Chief "
        "Executive Officer\nMs. LEE Mei Ling (李美玲)  Executive Director and Chief Financial "
        "Officer\nDr. HO Kin Wah  Non-executive Director\nMr. LAU Chi Keung  Independent "
        "Non-executive Director\nMr. WONG Siu Ming  Independent Non-executive Director\n"
        "Mr. NG Ka Wai  Independent Non-executive Director",
        id="a position wrapping onto a second line in a PDF",
    ),
    pytest.param(
        "As at the date of this announcement, the Board comprises:\n\n"
        "Executive Directors  Non-executive Director  Independent non-executive Directors\n"
        "Mr. CHAN Tai Man (陳大文) (Chairman)  Dr. HO Kin Wah (何建華)  "
        "Mr. LAU Chi Keung (劉志強)\n"
        "Ms. LEE Mei Ling (李美玲)    Professor WONG Siu Ming (黃少明)\n"
        "    Mr. NG Ka Wai (吳家偉)",
        id="a name wrapping in a column after a blank cell",
    ),
]


@pytest.mark.parametrize("board", _GRID_BOARDS)
def test_boards_in_columns_with_blank_cells_from_text_and_pdf(board: str, tmp_path) -> None:
    """Names stay under their column heading when a column runs short, read from the text
    and from a PDF (where the blank cells are blank space)."""
    from support.pdfs import render_text_pdf

    from extract import extract_file

    text = f"{_SIGNED}{board}\n"
    assert extract_pages([text])["directors"] == _SIX
    assert extract_file(render_text_pdf(text, tmp_path / "board.pdf"))["directors"] == _SIX


def test_an_abstaining_director_named_by_a_defined_short_name_or_surname() -> None:
    """'"Dr. LI" Dr. LI Wai Man' (two directors are called LI), "Mr. LAU": the board's names.
    A supervisor who did not vote at the supervisory committee is no board abstention."""
    board = (
        "As at the date of this announcement, the executive Directors are Dr. LI Wai Kwan and "
        "Ms. LEE Mei Ling; the non-executive Director is Dr. LI Wai Man; and the independent "
        "non-executive Directors are Mr. LAU Chi Keung, Mr. WONG Siu Ming and Mr. NG Ka Wai."
    )
    text = (
        "Dr. LI and Mr. LAU have abstained from voting on the Board resolutions. Mr. PENG, a "
        "supervisor, did not vote at the meeting of the supervisory committee.\n\n"
        '"Dr. LI"  Dr. LI Wai Man, a non-executive Director\n\n'
    )
    got = extract_pages([f"{text}{_SIGNED}{board}\n"])["abstained_directors"]
    assert got == ["LI Wai Man", "LAU Chi Keung"]


def test_a_name_broken_over_the_line_end_of_a_board_sentence() -> None:
    text = (
        "As at the date of this announcement, the executive Directors are Mr. TANG Wai Keung "
        "and Mr. HO Chun Yip; and the independent non-executive Directors are Mr. CHOW\n"
        "Kwok Leung, Dr. MAK Hoi\n"
        "Ching and Mr. SIU Tsz Hin.\n"
    )
    assert board_of(text)[INED] == ["CHOW Kwok Leung", "MAK Hoi Ching", "SIU Tsz Hin"]


def test_category_in_brackets_a_line_each_some_with_honours_after_a_comma() -> None:
    text = (
        "As at the date of this announcement, the Board comprises:\n\n"
        "Mr. MOK Chi Yuen (Chairman and executive Director)\n"
        "Mr. HSU Ming-Chieh (non-executive Director)\n"
        "Ms. Anita CHOI Mei Kuen, SBS, JP (independent non-executive Director)\n"
        "Mr. LO Kin Wah, BBS, MH (independent non-executive Director)\n"
        "Dr. CHING Yau Sang (independent non-executive Director)\n"
    )
    assert board_of(text) == {
        E: ["MOK Chi Yuen"],
        N: ["HSU Ming-Chieh"],
        INED: ["Anita CHOI Mei Kuen", "LO Kin Wah", "CHING Yau Sang"],
    }


def test_board_told_as_category_sentences_each_over_one_name_a_line() -> None:
    board = (
        "As at the date of this announcement, the executive Directors are:\n"
        "Mr. Song Jianhua (宋建華) (Chairman)\nMr. Ji Xiangdong (紀向東)\nMs. Tan Yue (譚悅)\n\n"
        "the non-executive Directors are:\nMr. Gao Shilin (高世林)\n"
        "Mr. Masahiro Ueda (上田正弘)\n\n"
        "and the independent non-executive Directors are:\nMr. Chan Kwok Hung (陳國雄)\n"
        "Dr. Lin Qiaosheng (林巧生)\nMs. Yuen Wai Chi (袁慧芝)\n"
    )
    assert extract_pages([f"{_SIGNED}{board}"])["directors"] == {
        "executive": ["Song Jianhua", "Ji Xiangdong", "Tan Yue"],
        "non_executive": ["Gao Shilin", "Masahiro Ueda"],
        "independent_non_executive": ["Chan Kwok Hung", "Lin Qiaosheng", "Yuen Wai Chi"],
    }


@pytest.mark.parametrize(
    ("note", "non_executive"),
    [
        ("Note: Mr. Ai Dongsheng, the Chairman, is a non-executive Director.\n", ["Ai Dongsheng"]),
        ("", []),
    ],
)
def test_a_chairman_heading_whose_category_a_note_gives(note: str, non_executive: list) -> None:
    """ "Chairman:" over a name, then category headings: the chairman's category is the one a
    note under the board gives; with no note he is left out and the rest read as listed."""
    board = (
        "As at the date of this announcement, the Board comprises:\n\n"
        "Chairman:\nMr. Ai Dongsheng\n\n"
        "Vice Chairman and Non-executive Director:\nMr. Xue Fengming\n\n"
        "Executive Directors:\nMr. Kang Zhenyu\nMr. Bao Lixin\n\n"
        "Independent Non-executive Directors:\nMs. Ivy Ng Oi-ling\nMr. Chui Ho Ming\n\n" + note
    )
    assert extract_pages([f"{_SIGNED}{board}"])["directors"] == {
        "executive": ["Kang Zhenyu", "Bao Lixin"],
        "non_executive": [*non_executive, "Xue Fengming"],
        "independent_non_executive": ["Ivy Ng Oi-ling", "Chui Ho Ming"],
    }


def test_a_category_under_a_board_in_columns_with_its_names_in_one_line() -> None:
    text = (
        "As at the date of this announcement, the Board comprises:\n\n"
        "Executive Directors      Non-executive Directors\n"
        "Mr. TAKAHASHI Ryo (Managing Director)      Mr. KITAMURA Shinji (Chairman)\n"
        "Mr. LAU Chi Wai      Ms. ONO Akiko\n\n"
        "Independent non-executive Directors\n"
        "Mr. CHOI Kwok Keung, Ms. MORI Emiko and Mr. NG Yat Cheung\n"
    )
    assert board_of(text) == {
        "executive": ["TAKAHASHI Ryo", "LAU Chi Wai"],
        "non_executive": ["KITAMURA Shinji", "ONO Akiko"],
        "independent_non_executive": ["CHOI Kwok Keung", "MORI Emiko", "NG Yat Cheung"],
    }


def test_names_with_malay_particles_one_a_line() -> None:
    text = (
        "As at the date of this announcement, the Board comprises:\n\n"
        "Executive Directors:\nMr. LOW Chee Keong\nMs. FUNG Hiu Tung\n\n"
        "Independent non-executive Directors:\nDr. Aminah binti YUSOF\nMr. KAN Siu Lun\n"
    )
    assert board_of(text)["independent_non_executive"] == ["Aminah binti YUSOF", "KAN Siu Lun"]
