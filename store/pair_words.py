"""The words whose adjacent pairs PostgreSQL indexes as terms (migration 0015).

A phrase of two of them (`"annual cap"`) is then one lookup of the pair term "annual cap" in
`announcement_search.pairs`, answered inside the GIN index; other phrases are matched by
their words and rechecked against each candidate's positions. The list: the words found in at
least 5% of the English filings of the replica corpus and the test fixtures (the pairs of all
words would make the index four times larger, for phrases whose rarer word already bounds
the recheck). Migration 0015 holds its own frozen copy; a test checks that they agree.
"""

from __future__ import annotations

PAIR_WORDS = frozenset(
    """
    a about above abstain abstained accordance accordingly account accounts accuracy acquire
    acquired acquisition actual additional adjusted administration adopted advice advise
    advised adviser aforesaid after against aggregate aggregated agreed agreement agreements
    all allotment allow allows also amended among amount amounted amounts an and announce
    announcement announces annual annually annum any applicable applied apply appointed
    appraised approach approval approve approved approving approximately april are area
    arising arm arrangement arrangements arrears as ascribed asia asset assets assistance
    associate associates at attributable au audit audited auditor auditors august automotive
    available average awarded b background balance bank banks base based basis bay be become
    been before behalf being belief below beneficial benefits bermuda best better between
    board borrower borrowings both brand bright british brother buffer building buildings
    business but by c cap capacity capital caps car case cash caution cayman cease cent
    centre centres chain chairman chan change chapter charge charged chen cheng cheung chi
    chief china ching chiu choi chow chun chung circular clearing close closing co code cold
    commencing commercial commission committee companies company comparable comparison
    completeness completion compliance comply components comprises comprising conditional
    conditionally conditions conduct conducted confirmed connected consider consideration
    considered considering consistent consolidated constitute constitutes construction
    containing contemplated contents continue continuing contract contracts control
    controlled controlling convened corporate corporation cost costs course credit crest
    currency currently customer customers d daily date dated daughter day days de dealing
    december defined definitions delivered delivery delta demand deng department deposit
    deposits design despatched details determined determining development did direct
    director directors disclaim discloseable disclosed discount disposal distribution
    district does dollars dongguan dr due during e each early earnings effect effective
    effects egm eleven end ended ending energy engaged engineering enlarged enquiries ensure
    entered entering enterprise entire entitled equal equipment equity equivalent
    established estimated event exceed exceeded exceeding exceeds exchange exchanges
    excluding exclusive executive exempt exercise existing expansion expected expects
    expenses expire expressly extraordinary facilities facility factory fai fair family fan
    fang favour favourable february fee fees feet feng final finance financial financing
    first fit five fleet floor following follows fong food for foreign formed forwarding
    foshan four framework freight from fulfilled fulfilment full fully fund funded fung
    further futures gain general given golden governing government grade grant granted
    greater gross group growth guangdong guangzhou guarantee guaranteed guarantees guarantor
    h half hao harbour has have having he hei held higher highest his historical hk ho hoi
    hold holder holding holdings holds hon hong hospitality hotel hotels hours howsoever
    huang hui hung i identification if ii iii implications in include including inclusive
    income incorporated increase independent indirect individual industrial information
    instalments insufficient integrated intended intends interest interested interests
    internal international into introduction investment investments investors invoice ir is
    islands issue issued issuer it its itself iv january japan jianguo joint jp july jun
    june ka kai kam keung kilometres kin kit knowledge ko kong kowloon kuen kwai kwan kwok
    kwong lai lam lan land landlord largest last lau lawful laws lease leases least lee lei
    lender lending length less letter leung level li liabilities liability liang licence
    licensed limited line ling list listed listing liu lo loan loans located logistics lok
    long loss lower ltd lun ma macau made main maintenance major mak make man management
    manager mandate manufacture manufacturing march margin market master material materials
    matter maximum may meaning means measures medical meeting mei member members meridian
    metres million ming mok monitor month monthly months more mr ms namely negotiations net
    network new ng nine no non none normal not note notice notification november number
    obligations obtain obtained october of off offer offered office officer on one only
    operate operated operates operating operation operations or order orders ordinance
    ordinary other otherwise out outstanding over owing owned owner owners owns pacific
    packaging paid pak pang part parties parts party pay payable payment peak pearl peng
    people per percentage performance period person persons pharmaceutical ping place placed
    plan plant plants pleased plus po policy poon portfolio position positions potential
    power prc precedent precision premises prepared prevailing price prices pricing prime
    principal principally procedures proceed proceeds process procurement production
    products professor profit profits project projects properties property proportion
    proposed proposes provide provided provider providers provides province provincial
    provision public published pui purchase purchaser purchases purpose purposes pursuant
    qian quality quantity quarter quarterly quotations quoted rate rates ratio ratios raw re
    reaches reasonable reasons receipt receivable received recognise record recorded
    recovery reference refundable refunded regard regarded region registered registration
    related relation relevant reliance remain remaining renewal renminbi rent rental
    repayment report reporting reports representation representing represents republic
    required requirement requirements requires research residential resolution resolutions
    resources respect respective respectively responsibility results retail return revenue
    review reviewed reviews revise revised revision right rights risk river rmb road rule
    rules s sale sales same satisfied sau save schedule second secretary secure secured
    securities security sell semi september service services set sets seven sgm sha shall
    shan share shareholder shareholders shares shenzhen shing should signing similar since
    singapore sino site siu six so software sole son southeast special specific
    specifications spouse square stable standard standards state statements states stock
    storage subject subscribe subscription subsidiaries subsidiary substantial substantially
    such suk sum summary summit sun supervision supplemental supplied supplier suppliers
    supply system systems sze tai tak take taking tam tan tang target tax taxation
    technology ten tenancy tender term terminate terms territories than that the their them
    there therefore thereunder they things third this those thought three through thus time
    tin ting title to together tong tonnes total trading transaction transactions transfer
    translated transportation treatment trust tsang tse tsing tsui tsz two type ultimate
    ultimately unaudited unchanged under united units up upon us use used using usual v
    valuation value valuer vendor venture very view views virgin volume volumes voluntarily
    vote voting wah wai wan warehouse warehousing was wei were whatsoever when where whether
    which while who whole wholly whom whose will wing with within without wong working works
    would written wu xu yan yat yau year years yee yeung yi yin ying yip yiu yu yuen yuk
    zhang zhou
""".split()
)


def pair_term(first: str, second: str) -> str | None:
    """The lexeme of the pair (first, second) in `announcement_search.pairs`, or None when it
    is not indexed."""
    if first in PAIR_WORDS and second in PAIR_WORDS:
        return f"{first} {second}"
    return None
