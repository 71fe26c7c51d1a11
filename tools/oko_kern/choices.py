"""Choice lists of OKO kern. Codes of ordinal scales are numeric strings; "zeg ik liever niet" is always `nz`.

The codes of the lists named in docs/developers/oko-kern-contract.md are fixed; labels may be improved.
"""

from __future__ import annotations

from kansrijk.instrument.model import Choice, ChoiceList, Labels
from oko_kern.languages import L

NZ = L(
    "zeg ik liever niet",
    "I'd rather not say",
    "أفضّل ألّا أجيب",
    "wolę nie mówić",
    "söylemek istemiyorum",
    "не хочу відповідати",
)
YES = L("ja", "yes", "نعم", "tak", "evet", "так")
NO = L("nee", "no", "لا", "nie", "hayır", "ні")
NEVER = L("nooit", "never", "أبدًا", "nigdy", "hiç", "ніколи")
NOT_ONCE = L("niet", "not at all", "ولا مرة", "ani razu", "hiç", "жодного разу")
LESS_THAN_WEEKLY = L(
    "minder dan 1 keer per week",
    "less than once a week",
    "أقل من مرة في الأسبوع",
    "rzadziej niż raz w tygodniu",
    "haftada birden az",
    "рідше ніж раз на тиждень",
)


def _list(name: str, *choices: tuple[str, Labels]) -> ChoiceList:
    return ChoiceList(name, tuple(Choice(code, label) for code, label in choices))


_FREQ = (
    ("0", NEVER),
    ("1", L("1–2 keer", "1–2 times", "1–2 مرة", "1–2 razy", "1–2 kez", "1–2 рази")),
    ("2", L("3–5 keer", "3–5 times", "3–5 مرات", "3–5 razy", "3–5 kez", "3–5 разів")),
    ("3", L("6–9 keer", "6–9 times", "6–9 مرات", "6–9 razy", "6–9 kez", "6–9 разів")),
    ("4", L("10–19 keer", "10–19 times", "10–19 مرة", "10–19 razy", "10–19 kez", "10–19 разів")),
    ("5", L("20–39 keer", "20–39 times", "20–39 مرة", "20–39 razy", "20–39 kez", "20–39 разів")),
    (
        "6",
        L(
            "40 keer of vaker",
            "40 times or more",
            "40 مرة أو أكثر",
            "40 razy lub więcej",
            "40 kez veya daha fazla",
            "40 разів або більше",
        ),
    ),
)


def _nights() -> ChoiceList:
    """Number of evenings 0–7: the question names the unit, so the answers are the digits themselves."""
    return ChoiceList("nights7", tuple(Choice(str(n), L(*[str(n)] * 6)) for n in range(8)))


CHOICE_LISTS: tuple[ChoiceList, ...] = (
    _list(
        "gender",
        ("m", L("jongen", "boy", "ولد", "chłopak", "erkek", "хлопець")),
        ("v", L("meisje", "girl", "بنت", "dziewczyna", "kız", "дівчина")),
        ("x", L("anders", "other", "غير ذلك", "inna odpowiedź", "diğer", "інше")),
        ("nz", NZ),
    ),
    _list(
        "lives_with",
        ("mother", L("mijn moeder", "my mother", "أمي", "moja mama", "annem", "моя мама")),
        ("father", L("mijn vader", "my father", "أبي", "mój tata", "babam", "мій тато")),
        (
            "stepmother",
            L(
                "mijn stiefmoeder (of de partner van mijn vader)",
                "my stepmother (or my father's partner)",
                "زوجة أبي (أو شريكة أبي)",
                "moja macocha (albo partnerka taty)",
                "üvey annem (ya da babamın partneri)",
                "моя мачуха (або партнерка тата)",
            ),
        ),
        (
            "stepfather",
            L(
                "mijn stiefvader (of de partner van mijn moeder)",
                "my stepfather (or my mother's partner)",
                "زوج أمي (أو شريك أمي)",
                "mój ojczym (albo partner mamy)",
                "üvey babam (ya da annemin partneri)",
                "мій вітчим (або партнер мами)",
            ),
        ),
        (
            "alternating",
            L(
                "om en om bij mijn vader en mijn moeder",
                "taking turns with my father and my mother",
                "بالتناوب عند أبي وعند أمي",
                "na zmianę u taty i u mamy",
                "bazen babamda, bazen annemde",
                "по черзі то в тата, то в мами",
            ),
        ),
        (
            "foster",
            L(
                "een pleeggezin",
                "a foster family",
                "عائلة حاضنة",
                "rodzina zastępcza",
                "koruyucu aile",
                "прийомна сім'я",
            ),
        ),
        (
            "institution",
            L(
                "een woongroep of instelling",
                "a group home or care home",
                "سكن جماعي أو مؤسسة رعاية",
                "placówka opiekuńcza lub mieszkanie grupowe",
                "bakım evi veya grup evi",
                "груповий будинок або заклад опіки",
            ),
        ),
        ("other", L("iemand anders", "someone else", "شخص آخر", "ktoś inny", "başka biri", "хтось інший")),
    ),
    _list(
        "born_nl",
        (
            "nl",
            L(
                "in Nederland",
                "in the Netherlands",
                "في هولندا",
                "w Holandii",
                "Hollanda'da",
                "у Нідерландах",
            ),
        ),
        (
            "abroad",
            L(
                "in een ander land",
                "in another country",
                "في بلد آخر",
                "w innym kraju",
                "başka bir ülkede",
                "в іншій країні",
            ),
        ),
        ("nz", NZ),
    ),
    _list(
        "years_nl",
        (
            "0",
            L(
                "minder dan 1 jaar",
                "less than 1 year",
                "أقل من سنة",
                "krócej niż rok",
                "1 yıldan az",
                "менше ніж 1 рік",
            ),
        ),
        (
            "1",
            L(
                "1 tot 3 jaar",
                "1 to 3 years",
                "من سنة إلى 3 سنوات",
                "od roku do 3 lat",
                "1 ila 3 yıl",
                "від 1 до 3 років",
            ),
        ),
        (
            "2",
            L(
                "3 tot 5 jaar",
                "3 to 5 years",
                "من 3 إلى 5 سنوات",
                "od 3 do 5 lat",
                "3 ila 5 yıl",
                "від 3 до 5 років",
            ),
        ),
        (
            "3",
            L(
                "5 jaar of langer",
                "5 years or longer",
                "5 سنوات أو أكثر",
                "5 lat lub dłużej",
                "5 yıl veya daha uzun",
                "5 років або довше",
            ),
        ),
    ),
    _list(
        "home_lang",
        (
            "nl",
            L(
                "alleen Nederlands",
                "only Dutch",
                "الهولندية فقط",
                "tylko po niderlandzku",
                "sadece Hollandaca",
                "тільки нідерландською",
            ),
        ),
        (
            "nl_other",
            L(
                "Nederlands en een andere taal",
                "Dutch and another language",
                "الهولندية ولغة أخرى",
                "po niderlandzku i w innym języku",
                "Hollandaca ve başka bir dil",
                "нідерландською та іншою мовою",
            ),
        ),
        (
            "other",
            L(
                "alleen een andere taal",
                "only another language",
                "لغة أخرى فقط",
                "tylko w innym języku",
                "sadece başka bir dil",
                "тільки іншою мовою",
            ),
        ),
    ),
    _list(
        "fas_car",
        ("0", NO),
        ("1", L("ja, één", "yes, one", "نعم، واحدة", "tak, jeden", "evet, bir tane", "так, один")),
        (
            "2",
            L(
                "ja, twee of meer",
                "yes, two or more",
                "نعم، اثنتان أو أكثر",
                "tak, dwa lub więcej",
                "evet, iki veya daha fazla",
                "так, два або більше",
            ),
        ),
    ),
    _list("fas_room", ("0", NO), ("1", YES)),
    _list(
        "fas_holiday",
        ("0", L("helemaal niet", "not at all", "ولا مرة", "ani razu", "hiç", "жодного разу")),
        ("1", L("1 keer", "once", "مرة واحدة", "raz", "1 kez", "один раз")),
        ("2", L("2 keer", "twice", "مرتين", "2 razy", "2 kez", "два рази")),
        (
            "3",
            L(
                "meer dan 2 keer",
                "more than twice",
                "أكثر من مرتين",
                "więcej niż 2 razy",
                "2 kereden fazla",
                "більше ніж двічі",
            ),
        ),
    ),
    _list(
        "fas_computers",
        ("0", L("geen", "none", "ولا واحد", "żadnego", "hiç yok", "жодного")),
        ("1", L("één", "one", "واحد", "jeden", "bir", "один")),
        ("2", L("twee", "two", "اثنان", "dwa", "iki", "два")),
        (
            "3",
            L(
                "meer dan twee",
                "more than two",
                "أكثر من اثنين",
                "więcej niż dwa",
                "ikiden fazla",
                "більше ніж два",
            ),
        ),
    ),
    ChoiceList("freq_life", tuple(Choice(c, lab) for c, lab in _FREQ)),
    ChoiceList("freq_30d", tuple(Choice(c, lab) for c, lab in _FREQ)),
    _list(
        "binge",
        ("0", NOT_ONCE),
        ("1", L("1 keer", "once", "مرة واحدة", "1 raz", "1 kez", "1 раз")),
        ("2", L("2 keer", "twice", "مرتين", "2 razy", "2 kez", "2 рази")),
        ("3", L("3–5 keer", "3–5 times", "3–5 مرات", "3–5 razy", "3–5 kez", "3–5 разів")),
        ("4", L("6–9 keer", "6–9 times", "6–9 مرات", "6–9 razy", "6–9 kez", "6–9 разів")),
        (
            "5",
            L(
                "10 keer of vaker",
                "10 times or more",
                "10 مرات أو أكثر",
                "10 razy lub więcej",
                "10 kez veya daha fazla",
                "10 разів або більше",
            ),
        ),
    ),
    _list(
        "smoke_freq",
        ("0", L("niet", "not at all", "لا", "wcale", "hiç", "зовсім ні")),
        ("1", LESS_THAN_WEEKLY),
        (
            "2",
            L(
                "elke week, maar niet elke dag",
                "every week, but not every day",
                "كل أسبوع، لكن ليس كل يوم",
                "co tydzień, ale nie codziennie",
                "her hafta, ama her gün değil",
                "щотижня, але не щодня",
            ),
        ),
        ("3", L("elke dag", "every day", "كل يوم", "codziennie", "her gün", "щодня")),
    ),
    _list(
        "alc_source",
        (
            "parents",
            L(
                "van mijn ouders",
                "from my parents",
                "من والديّ",
                "od rodziców",
                "annemden veya babamdan",
                "від батьків",
            ),
        ),
        (
            "home_secret",
            L(
                "stiekem thuis gepakt",
                "took it at home secretly",
                "أخذته من البيت سرًّا",
                "po kryjomu z domu",
                "evden gizlice aldım",
                "потай узяв(-ла) вдома",
            ),
        ),
        (
            "siblings",
            L(
                "van mijn broer of zus",
                "from my brother or sister",
                "من أخي أو أختي",
                "od brata lub siostry",
                "kardeşimden",
                "від брата чи сестри",
            ),
        ),
        (
            "friends",
            L("van vrienden", "from friends", "من أصدقائي", "od znajomych", "arkadaşlarımdan", "від друзів"),
        ),
        (
            "adults",
            L(
                "van een andere volwassene",
                "from another adult",
                "من شخص بالغ آخر",
                "od innej dorosłej osoby",
                "başka bir yetişkinden",
                "від іншого дорослого",
            ),
        ),
        (
            "shop",
            L(
                "zelf gekocht in een winkel",
                "bought it myself in a shop",
                "اشتريته بنفسي من متجر",
                "kupiony samodzielnie w sklepie",
                "kendim bir dükkândan aldım",
                "сам(а) купив(-ла) в магазині",
            ),
        ),
        (
            "bar",
            L(
                "zelf gekocht in een café of club",
                "bought it myself in a bar or club",
                "اشتريته بنفسي في مقهى أو نادٍ ليلي",
                "kupiony samodzielnie w barze lub klubie",
                "kendim bir kafede veya kulüpte aldım",
                "сам(а) купив(-ла) у барі чи клубі",
            ),
        ),
        (
            "other",
            L(
                "op een andere manier",
                "another way",
                "بطريقة أخرى",
                "w inny sposób",
                "başka bir yoldan",
                "іншим способом",
            ),
        ),
    ),
    _list(
        "peers5",
        ("1", L("niemand", "none of them", "ولا أحد", "nikt", "hiçbiri", "ніхто")),
        ("2", L("een paar", "a few", "قليل منهم", "kilka osób", "birkaçı", "кілька")),
        (
            "3",
            L(
                "ongeveer de helft",
                "about half",
                "حوالي النصف",
                "mniej więcej połowa",
                "yaklaşık yarısı",
                "приблизно половина",
            ),
        ),
        ("4", L("de meesten", "most of them", "معظمهم", "większość", "çoğu", "більшість")),
        (
            "5",
            L(
                "(bijna) allemaal",
                "(almost) all of them",
                "كلهم (تقريبًا)",
                "(prawie) wszyscy",
                "(neredeyse) hepsi",
                "(майже) всі",
            ),
        ),
    ),
    _list(
        "attitude5",
        ("1", L("heel slecht", "very bad", "سيء جدًا", "bardzo źle", "çok kötü", "дуже погано")),
        ("2", L("slecht", "bad", "سيء", "źle", "kötü", "погано")),
        (
            "3",
            L(
                "niet goed en niet slecht",
                "neither good nor bad",
                "لا جيد ولا سيء",
                "ani dobrze, ani źle",
                "ne iyi ne kötü",
                "ні добре, ні погано",
            ),
        ),
        ("4", L("goed", "good", "جيد", "dobrze", "iyi", "добре")),
        ("5", L("heel goed", "very good", "جيد جدًا", "bardzo dobrze", "çok iyi", "дуже добре")),
    ),
    _list(
        "react5",
        (
            "1",
            L(
                "heel negatief",
                "very negatively",
                "سلبي جدًا",
                "bardzo negatywnie",
                "çok olumsuz",
                "дуже негативно",
            ),
        ),
        ("2", L("negatief", "negatively", "سلبي", "negatywnie", "olumsuz", "негативно")),
        (
            "3",
            L(
                "het maakt ze niet uit",
                "they would not care",
                "لن يهتموا",
                "byłoby im to obojętne",
                "umurlarında olmazdı",
                "їм було б байдуже",
            ),
        ),
        ("4", L("positief", "positively", "إيجابي", "pozytywnie", "olumlu", "позитивно")),
        (
            "5",
            L(
                "heel positief",
                "very positively",
                "إيجابي جدًا",
                "bardzo pozytywnie",
                "çok olumlu",
                "дуже позитивно",
            ),
        ),
    ),
    _list(
        "often5",
        (
            "1",
            L("bijna nooit", "almost never", "تقريبًا أبدًا", "prawie nigdy", "neredeyse hiç", "майже ніколи"),
        ),
        ("2", L("soms", "sometimes", "أحيانًا", "czasami", "bazen", "іноді")),
        ("3", L("vaak", "often", "كثيرًا", "często", "sık sık", "часто")),
        ("4", L("meestal", "usually", "في أغلب الأحيان", "zwykle", "çoğu zaman", "зазвичай")),
        (
            "5",
            L(
                "bijna altijd",
                "almost always",
                "تقريبًا دائمًا",
                "prawie zawsze",
                "neredeyse her zaman",
                "майже завжди",
            ),
        ),
    ),
    _list(
        "agree5",
        (
            "1",
            L(
                "helemaal oneens",
                "strongly disagree",
                "لا أوافق أبدًا",
                "zdecydowanie się nie zgadzam",
                "hiç katılmıyorum",
                "зовсім не погоджуюся",
            ),
        ),
        ("2", L("oneens", "disagree", "لا أوافق", "nie zgadzam się", "katılmıyorum", "не погоджуюся")),
        (
            "3",
            L(
                "niet eens, niet oneens",
                "neither agree nor disagree",
                "لا أوافق ولا أعارض",
                "ani tak, ani nie",
                "ne katılıyorum ne katılmıyorum",
                "і так, і ні",
            ),
        ),
        ("4", L("eens", "agree", "أوافق", "zgadzam się", "katılıyorum", "погоджуюся")),
        (
            "5",
            L(
                "helemaal eens",
                "strongly agree",
                "أوافق تمامًا",
                "zdecydowanie się zgadzam",
                "tamamen katılıyorum",
                "повністю погоджуюся",
            ),
        ),
    ),
    _list(
        "times_week",
        ("0", NEVER),
        ("1", LESS_THAN_WEEKLY),
        (
            "2",
            L(
                "1 keer per week",
                "once a week",
                "مرة في الأسبوع",
                "raz w tygodniu",
                "haftada 1 kez",
                "раз на тиждень",
            ),
        ),
        (
            "3",
            L(
                "2–3 keer per week",
                "2–3 times a week",
                "2–3 مرات في الأسبوع",
                "2–3 razy w tygodniu",
                "haftada 2–3 kez",
                "2–3 рази на тиждень",
            ),
        ),
        (
            "4",
            L(
                "4 keer per week of vaker",
                "4 times a week or more",
                "4 مرات في الأسبوع أو أكثر",
                "4 razy w tygodniu lub częściej",
                "haftada 4 kez veya daha fazla",
                "4 рази на тиждень або частіше",
            ),
        ),
    ),
    _list(
        "hangout_where",
        (
            "street",
            L(
                "op straat, op een plein of in een park",
                "in the street, on a square or in a park",
                "في الشارع أو في ساحة أو في حديقة عامة",
                "na ulicy, na placu albo w parku",
                "sokakta, bir meydanda veya parkta",
                "на вулиці, на площі чи в парку",
            ),
        ),
        (
            "shopping",
            L(
                "in een winkelcentrum",
                "in a shopping centre",
                "في مركز تسوق",
                "w centrum handlowym",
                "alışveriş merkezinde",
                "у торговому центрі",
            ),
        ),
        (
            "youth_centre",
            L(
                "in een jongerencentrum of buurthuis",
                "in a youth centre or community centre",
                "في مركز شباب أو مركز الحي",
                "w klubie młodzieżowym lub domu kultury",
                "gençlik merkezinde veya mahalle evinde",
                "у молодіжному центрі чи клубі громади",
            ),
        ),
        (
            "friends_home",
            L(
                "bij vrienden thuis",
                "at friends' homes",
                "في بيوت أصدقائي",
                "u znajomych w domu",
                "arkadaşlarımın evinde",
                "вдома в друзів",
            ),
        ),
        (
            "sports_field",
            L(
                "bij een sportveld, skatebaan of speeltuin",
                "at a sports field, skate park or playground",
                "في ملعب أو ساحة تزلج أو ملعب أطفال",
                "na boisku, w skateparku albo na placu zabaw",
                "spor sahasında, kaykay parkında veya oyun parkında",
                "на спортмайданчику, у скейт-парку чи на дитячому майданчику",
            ),
        ),
        (
            "other",
            L("ergens anders", "somewhere else", "في مكان آخر", "gdzie indziej", "başka bir yerde", "деінде"),
        ),
    ),
    _nights(),
    _list(
        "truancy",
        ("0", NOT_ONCE),
        ("1", L("1 keer", "once", "مرة واحدة", "1 raz", "1 kez", "1 раз")),
        (
            "2",
            L(
                "2 of 3 keer",
                "2 or 3 times",
                "مرتين أو 3 مرات",
                "2 lub 3 razy",
                "2 veya 3 kez",
                "2 або 3 рази",
            ),
        ),
        (
            "3",
            L(
                "4 keer of vaker",
                "4 times or more",
                "4 مرات أو أكثر",
                "4 razy lub więcej",
                "4 kez veya daha fazla",
                "4 рази або більше",
            ),
        ),
    ),
    _list(
        "sch_plans",
        (
            "study",
            L(
                "verder leren (bijvoorbeeld mbo, havo, vwo, hbo of universiteit)",
                "keep studying (for example vocational school, college or university)",
                "أواصل الدراسة (مثلًا مدرسة مهنية أو جامعة)",
                "dalej się uczyć (np. szkoła zawodowa lub studia)",
                "okumaya devam etmek (örneğin meslek okulu veya üniversite)",
                "далі навчатися (наприклад, у коледжі чи університеті)",
            ),
        ),
        (
            "work",
            L(
                "gaan werken",
                "start working",
                "أبدأ العمل",
                "iść do pracy",
                "çalışmaya başlamak",
                "піти працювати",
            ),
        ),
        ("other", L("iets anders", "something else", "شيئًا آخر", "coś innego", "başka bir şey", "щось інше")),
        (
            "unknown",
            L(
                "weet ik nog niet",
                "I don't know yet",
                "لا أعرف بعد",
                "jeszcze nie wiem",
                "henüz bilmiyorum",
                "ще не знаю",
            ),
        ),
    ),
    _list(
        "health4",
        ("1", L("slecht", "poor", "سيئة", "zła", "kötü", "погане")),
        ("2", L("gaat wel", "fair", "مقبولة", "taka sobie", "idare eder", "так собі")),
        ("3", L("goed", "good", "جيدة", "dobra", "iyi", "добре")),
        ("4", L("heel goed", "very good", "جيدة جدًا", "bardzo dobra", "çok iyi", "дуже добре")),
    ),
    _list(
        "mhi6",
        ("1", NEVER),
        ("2", L("zelden", "rarely", "نادرًا", "rzadko", "nadiren", "рідко")),
        ("3", L("af en toe", "now and then", "من حين لآخر", "od czasu do czasu", "ara sıra", "час від часу")),
        ("4", L("vaak", "often", "كثيرًا", "często", "sık sık", "часто")),
        (
            "5",
            L(
                "meestal",
                "most of the time",
                "في أغلب الأوقات",
                "przez większość czasu",
                "çoğu zaman",
                "більшість часу",
            ),
        ),
        ("6", L("altijd", "always", "دائمًا", "zawsze", "her zaman", "завжди")),
    ),
    _list(
        "bully_freq",
        ("0", NOT_ONCE),
        (
            "1",
            L(
                "1 of 2 keer",
                "once or twice",
                "مرة أو مرتين",
                "raz lub dwa razy",
                "1 veya 2 kez",
                "один-два рази",
            ),
        ),
        (
            "2",
            L(
                "2 of 3 keer per maand",
                "2 or 3 times a month",
                "2 أو 3 مرات في الشهر",
                "2 lub 3 razy w miesiącu",
                "ayda 2 veya 3 kez",
                "2–3 рази на місяць",
            ),
        ),
        (
            "3",
            L(
                "ongeveer 1 keer per week",
                "about once a week",
                "مرة في الأسبوع تقريبًا",
                "mniej więcej raz w tygodniu",
                "haftada yaklaşık 1 kez",
                "приблизно раз на тиждень",
            ),
        ),
        (
            "4",
            L(
                "meerdere keren per week",
                "several times a week",
                "عدة مرات في الأسبوع",
                "kilka razy w tygodniu",
                "haftada birkaç kez",
                "кілька разів на тиждень",
            ),
        ),
    ),
    _list(
        "times_year",
        ("0", NEVER),
        ("1", L("1 keer", "once", "مرة واحدة", "raz", "1 kez", "один раз")),
        ("2", L("2–4 keer", "2–4 times", "2–4 مرات", "2–4 razy", "2–4 kez", "2–4 рази")),
        (
            "3",
            L(
                "5 keer of vaker",
                "5 times or more",
                "5 مرات أو أكثر",
                "5 razy lub więcej",
                "5 kez veya daha fazla",
                "5 разів або більше",
            ),
        ),
    ),
    _list("yes_no_nz", ("ja", YES), ("nee", NO), ("nz", NZ)),
    _list(
        "honest",
        (
            "1",
            L(
                "ja, alle vragen",
                "yes, all questions",
                "نعم، كل الأسئلة",
                "tak, na wszystkie",
                "evet, bütün soruları",
                "так, на всі",
            ),
        ),
        (
            "2",
            L(
                "bijna alle vragen",
                "almost all questions",
                "تقريبًا كل الأسئلة",
                "prawie na wszystkie",
                "neredeyse bütün soruları",
                "майже на всі",
            ),
        ),
        (
            "3",
            L(
                "nee, veel vragen niet",
                "no, many questions not",
                "لا، كثير من الأسئلة لا",
                "nie, na wiele nie",
                "hayır, çoğunu dürüst cevaplamadım",
                "ні, на багато питань — ні",
            ),
        ),
    ),
)
