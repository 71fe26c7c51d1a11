# ruff: noqa: E501  -- translated texts: one string per language, not wrapped mid-sentence
"""The survey sheet of OKO kern: pages (top-level groups), matrices (nested `table-list` groups) and items.

Wording: plain B1 Dutch for 12–17-year-olds, our own; the domains follow the Icelandic Prevention Model
(Planet Youth), family affluence follows the HBSC FAS items and the wellbeing matrix the MHI-5 structure.
Item names and choice codes in docs/developers/oko-kern-contract.md are fixed.
"""

from __future__ import annotations

from typing import cast

from kansrijk.instrument.model import Group, Item, ItemType, Labels
from oko_kern.languages import L

# -- shared messages ---------------------------------------------------------------------------------------
REQUIRED = L(
    "Kies een antwoord om verder te gaan.",
    "Please choose an answer to continue.",
    "يرجى اختيار إجابة للمتابعة.",
    "Wybierz odpowiedź, aby przejść dalej.",
    "Devam etmek için bir cevap seç.",
    "Обери відповідь, щоб продовжити.",
)
REQUIRED_NUMBER = L(
    "Vul een getal in om verder te gaan.",
    "Please fill in a number to continue.",
    "يرجى كتابة رقم للمتابعة.",
    "Wpisz liczbę, aby przejść dalej.",
    "Devam etmek için bir sayı yaz.",
    "Впиши число, щоб продовжити.",
)
HOURS = ". >= 0 and . <= 24"
HOURS_MESSAGE = L(
    "Vul een aantal uren van 0 tot en met 24 in.",
    "Please enter a number of hours from 0 to 24.",
    "يرجى كتابة عدد ساعات بين 0 و24.",
    "Wpisz liczbę godzin od 0 do 24.",
    "0 ile 24 arasında bir saat sayısı yaz.",
    "Впиши кількість годин від 0 до 24.",
)
FIRST_AGE = ". >= 4 and . <= 20"
FIRST_AGE_MESSAGE = L(
    "Vul een leeftijd van 4 tot en met 20 jaar in.",
    "Please enter an age from 4 to 20.",
    "يرجى كتابة عمر بين 4 و20 سنة.",
    "Wpisz wiek od 4 do 20 lat.",
    "4 ile 20 arasında bir yaş yaz.",
    "Впиши вік від 4 до 20 років.",
)
FIRST_AGE_HINT = L(
    "Weet je het niet precies? Vul dan in wat je denkt.",
    "Not sure? Give your best guess.",
    "لست متأكدًا؟ اكتب ما تظنه.",
    "Nie wiesz dokładnie? Wpisz, ile Ci się wydaje.",
    "Tam bilmiyor musun? Tahminini yaz.",
    "Не знаєш точно? Напиши, як думаєш.",
)
MORE_ANSWERS = L(
    "Je mag meer antwoorden kiezen.",
    "You can choose more than one answer.",
    "يمكنك اختيار أكثر من إجابة.",
    "Możesz wybrać więcej niż jedną odpowiedź.",
    "Birden fazla cevap seçebilirsin.",
    "Можна вибрати кілька відповідей.",
)
AGREE_SENTENCES = L(
    "Ben je het eens met deze zinnen?",
    "Do you agree with these sentences?",
    "هل توافق على هذه الجمل؟",
    "Czy zgadzasz się z tymi zdaniami?",
    "Bu cümlelere katılıyor musun?",
    "Чи погоджуєшся ти з цими реченнями?",
)

ALC_DRANK = "${alc_life} != '0'"


def q(
    type_: str,
    name: str,
    label: Labels,
    *,
    required: bool = True,
    required_message: Labels | None = None,
    hint: Labels | None = None,
    relevant: str | None = None,
    constraint: str | None = None,
    constraint_message: Labels | None = None,
    appearance: str | None = None,
) -> Item:
    """A question, its type written as in the XLSForm (``select_one freq``); required unless said otherwise,
    with the matching 'please answer' message."""
    kind, _, list_name = type_.partition(" ")
    if required and required_message is None:
        required_message = REQUIRED
    return Item(
        name=name,
        type=cast(ItemType, kind),
        label=label,
        hint=hint or {},
        list_name=list_name or None,
        required=required,
        required_message=(required_message or {}) if required else {},
        relevant=relevant,
        constraint=constraint,
        constraint_message=constraint_message or {},
        appearance=appearance,
    )


def note(name: str, label: Labels) -> Item:
    return Item(name=name, type="note", label=label)


def group(
    name: str,
    label: Labels,
    children: tuple[Item | Group, ...],
    *,
    appearance: str | None = None,
    relevant: str | None = None,
) -> Group:
    """A page at the top level; nested with appearance ``table-list``, a matrix whose rows share choices."""
    return Group(name=name, label=label, children=children, appearance=appearance, relevant=relevant)


# -- pages -------------------------------------------------------------------------------------------------
INTRO = group(
    "intro",
    L("Welkom", "Welcome", "أهلًا بك", "Witaj", "Hoş geldin", "Вітаємо"),
    (
        note(
            "intro_note",
            L(
                "Deze vragenlijst gaat over jou: school, vrije tijd, thuis, hoe je je voelt, en alcohol, roken en "
                "drugs. Het is geen toets. Er zijn geen goede of foute antwoorden. Niemand ziet wat jij invult: je "
                "leraar niet en je ouders niet. Kies steeds het antwoord dat het beste bij jou past.",
                "This questionnaire is about you: school, free time, home, how you feel, and alcohol, smoking and "
                "drugs. It is not a test. There are no right or wrong answers. Nobody sees what you fill in: not your "
                "teacher and not your parents. Always choose the answer that fits you best.",
                "هذا الاستبيان عنك: المدرسة ووقت الفراغ والبيت وشعورك، والكحول والتدخين والمخدرات. هذا ليس امتحانًا. "
                "لا توجد إجابات صحيحة أو خاطئة. لا أحد يرى ما تكتبه: لا معلمك ولا والداك. اختر دائمًا الإجابة التي "
                "تناسبك أكثر.",
                "Ta ankieta jest o Tobie: o szkole, czasie wolnym, domu, samopoczuciu, a także o alkoholu, "
                "papierosach i narkotykach. To nie jest sprawdzian. Nie ma dobrych ani złych odpowiedzi. Nikt nie "
                "zobaczy Twoich odpowiedzi: ani nauczyciel, ani rodzice. Zawsze wybieraj odpowiedź, która najbardziej "
                "do Ciebie pasuje.",
                "Bu anket seninle ilgili: okul, boş zaman, ev, kendini nasıl hissettiğin ve alkol, sigara ve "
                "uyuşturucu. Bu bir sınav değil. Doğru ya da yanlış cevap yok. Ne yazdığını kimse görmez: ne "
                "öğretmenin ne de anne baban. Her zaman sana en uygun cevabı seç.",
                "Це опитування про тебе: школу, вільний час, дім, твоє самопочуття, а також алкоголь, куріння й "
                "наркотики. Це не контрольна. Тут немає правильних чи неправильних відповідей. Ніхто не побачить твоїх "
                "відповідей: ні вчитель, ні батьки. Завжди обирай відповідь, яка найкраще тобі підходить.",
            ),
        ),
    ),
)

ABOUT_YOU = group(
    "bg",
    L("Over jou", "About you", "عنك", "O Tobie", "Seninle ilgili", "Про тебе"),
    (
        q(
            "integer",
            "bg_age",
            L(
                "Hoe oud ben je?",
                "How old are you?",
                "كم عمرك؟",
                "Ile masz lat?",
                "Kaç yaşındasın?",
                "Скільки тобі років?",
            ),
            required_message=REQUIRED_NUMBER,
            constraint=". >= 10 and . <= 20",
            constraint_message=L(
                "Vul een leeftijd van 10 tot en met 20 jaar in.",
                "Please enter an age from 10 to 20.",
                "يرجى كتابة عمر بين 10 و20 سنة.",
                "Wpisz wiek od 10 do 20 lat.",
                "10 ile 20 arasında bir yaş yaz.",
                "Впиши вік від 10 до 20 років.",
            ),
        ),
        q(
            "select_one gender",
            "bg_gender",
            L(
                "Ben je een jongen, een meisje of anders?",
                "Are you a boy, a girl or something else?",
                "هل أنت ولد أم بنت أم غير ذلك؟",
                "Jesteś chłopakiem czy dziewczyną?",
                "Erkek misin, kız mısın, yoksa başka bir şey mi?",
                "Ти хлопець чи дівчина?",
            ),
        ),
        q(
            "text",
            "bg_pc4",
            L(
                "Wat zijn de 4 cijfers van de postcode van je huis?",
                "What are the 4 numbers of your home postcode?",
                "ما هي الأرقام الأربعة من الرمز البريدي لبيتك؟",
                "Jakie są 4 cyfry kodu pocztowego Twojego domu?",
                "Evinin posta kodunun 4 rakamı nedir?",
                "Які 4 цифри поштового індексу твого дому?",
            ),
            required=False,
            hint=L(
                "Alleen de 4 cijfers, bijvoorbeeld 6211. Weet je het niet? Laat het leeg.",
                "Only the 4 numbers, for example 6211. Don't know? Leave it empty.",
                "الأرقام الأربعة فقط، مثلًا 6211. لا تعرف؟ اترك الخانة فارغة.",
                "Tylko 4 cyfry, np. 6211. Nie wiesz? Zostaw puste.",
                "Sadece 4 rakam, örneğin 6211. Bilmiyor musun? Boş bırak.",
                "Тільки 4 цифри, наприклад 6211. Не знаєш? Залиш порожнім.",
            ),
            constraint="regex(., '^[1-9][0-9]{3}$')",
            constraint_message=L(
                "Vul precies 4 cijfers in, bijvoorbeeld 6211.",
                "Please enter exactly 4 numbers, for example 6211.",
                "يرجى كتابة 4 أرقام بالضبط، مثلًا 6211.",
                "Wpisz dokładnie 4 cyfry, np. 6211.",
                "Tam olarak 4 rakam yaz, örneğin 6211.",
                "Впиши рівно 4 цифри, наприклад 6211.",
            ),
            appearance="numbers",
        ),
        q(
            "select_multiple lives_with",
            "bg_lives_with",
            L(
                "Met wie woon je in huis?",
                "Who do you live with?",
                "مع من تسكن في البيت؟",
                "Z kim mieszkasz?",
                "Evde kiminle yaşıyorsun?",
                "З ким ти живеш?",
            ),
            hint=MORE_ANSWERS,
        ),
        q(
            "select_one born_nl",
            "bg_born_nl",
            L(
                "In welk land ben je geboren?",
                "In which country were you born?",
                "في أي بلد وُلدت؟",
                "W jakim kraju się urodziłeś(-aś)?",
                "Hangi ülkede doğdun?",
                "У якій країні ти народився(-лася)?",
            ),
        ),
        q(
            "select_one years_nl",
            "bg_years_nl",
            L(
                "Hoe lang woon je al in Nederland?",
                "How long have you lived in the Netherlands?",
                "منذ متى تعيش في هولندا؟",
                "Od jak dawna mieszkasz w Holandii?",
                "Ne zamandır Hollanda'da yaşıyorsun?",
                "Як довго ти вже живеш у Нідерландах?",
            ),
            relevant="${bg_born_nl} = 'abroad'",
        ),
    ),
)

HOME = group(
    "home",
    L("Thuis", "At home", "في البيت", "W domu", "Evde", "Удома"),
    (
        note(
            "home_note",
            L(
                "Woon je op twee adressen? Denk dan aan het huis waar je de meeste nachten slaapt.",
                "Do you live at two addresses? Then think of the home where you sleep most nights.",
                "هل تسكن في عنوانين؟ فكّر إذن في البيت الذي تنام فيه معظم الليالي.",
                "Mieszkasz pod dwoma adresami? Pomyśl o domu, w którym śpisz przez większość nocy.",
                "İki adreste mi yaşıyorsun? O zaman en çok gece uyuduğun evi düşün.",
                "Живеш за двома адресами? Тоді думай про дім, де ночуєш найчастіше.",
            ),
        ),
        q(
            "select_one fas_car",
            "bg_fas_car",
            L(
                "Heeft jullie gezin een auto of busje?",
                "Does your family own a car or van?",
                "هل تملك عائلتك سيارة أو حافلة صغيرة؟",
                "Czy Twoja rodzina ma samochód albo busa?",
                "Ailenin arabası veya minibüsü var mı?",
                "Чи є у твоєї сім'ї автомобіль або мікроавтобус?",
            ),
        ),
        q(
            "select_one fas_room",
            "bg_fas_room",
            L(
                "Heb je een eigen slaapkamer?",
                "Do you have a bedroom of your own?",
                "هل لديك غرفة نوم خاصة بك؟",
                "Czy masz własny pokój?",
                "Kendine ait bir yatak odan var mı?",
                "Чи є в тебе своя кімната?",
            ),
        ),
        q(
            "select_one fas_holiday",
            "bg_fas_holiday",
            L(
                "Hoe vaak ben je in de afgelopen 12 maanden met je gezin op vakantie geweest in het buitenland?",
                "How many times did you go on holiday abroad with your family in the last 12 months?",
                "كم مرة سافرت مع عائلتك في عطلة إلى الخارج خلال الأشهر الـ12 الماضية؟",
                "Ile razy w ciągu ostatnich 12 miesięcy byłeś(-aś) z rodziną na wakacjach za granicą?",
                "Son 12 ayda ailenle kaç kez yurt dışına tatile gittin?",
                "Скільки разів за останні 12 місяців ти їздив(-ла) із сім'єю на відпочинок за кордон?",
            ),
        ),
        q(
            "select_one fas_computers",
            "bg_fas_computers",
            L(
                "Hoeveel computers en laptops hebben jullie thuis?",
                "How many computers and laptops do you have at home?",
                "كم جهاز كمبيوتر ولابتوب لديكم في البيت؟",
                "Ile komputerów i laptopów macie w domu?",
                "Evinizde kaç tane bilgisayar ve dizüstü bilgisayar var?",
                "Скільки комп'ютерів і ноутбуків є у вас удома?",
            ),
            hint=L(
                "Tel ook computers voor school mee. Tablets, telefoons en spelcomputers tellen niet mee.",
                "Count computers for school too. Tablets, phones and game consoles do not count.",
                "احسب أيضًا أجهزة الكمبيوتر المستخدمة للمدرسة. الأجهزة اللوحية والهواتف وأجهزة الألعاب لا تُحسب.",
                "Policz też komputery do szkoły. Tablety, telefony i konsole do gier się nie liczą.",
                "Okul için olan bilgisayarları da say. Tabletler, telefonlar ve oyun konsolları sayılmaz.",
                "Рахуй також комп'ютери для школи. Планшети, телефони та ігрові приставки не рахуються.",
            ),
        ),
    ),
)

ALCOHOL = group(
    "alc",
    L("Alcohol", "Alcohol", "الكحول", "Alkohol", "Alkol", "Алкоголь"),
    (
        note(
            "alc_note",
            L(
                "Met alcohol bedoelen we bier, wijn, cider, mixdrankjes (zoals breezers) en sterke drank. Een paar "
                "slokjes tellen niet mee.",
                "By alcohol we mean beer, wine, cider, premixed drinks (like breezers) and spirits. A few sips don't "
                "count.",
                "نقصد بالكحول: البيرة والنبيذ والسايدر والمشروبات المخلوطة (مثل البريزر) والمشروبات الروحية القوية. "
                "بضع رشفات لا تُحسب.",
                "Alkohol to piwo, wino, cydr, gotowe drinki (np. breezery) i mocne alkohole. Kilka łyków się nie liczy.",
                "Alkol derken bira, şarap, elma şarabı, hazır kokteyller (breezer gibi) ve sert içkileri "
                "kastediyoruz. Birkaç yudum sayılmaz.",
                "Алкоголь — це пиво, вино, сидр, слабоалкогольні коктейлі (як-от бризер) і міцні напої. Кілька "
                "ковтків не рахуються.",
            ),
        ),
        q(
            "select_one freq_life",
            "alc_life",
            L(
                "Hoe vaak heb je in je hele leven alcohol gedronken?",
                "How many times in your whole life have you drunk alcohol?",
                "كم مرة شربت الكحول في حياتك كلها؟",
                "Ile razy w całym życiu piłeś(-aś) alkohol?",
                "Hayatın boyunca kaç kez alkol içtin?",
                "Скільки разів за все життя ти пив(-ла) алкоголь?",
            ),
        ),
        q(
            "select_one freq_30d",
            "alc_30d",
            L(
                "Hoe vaak heb je in de afgelopen 30 dagen alcohol gedronken?",
                "How many times in the last 30 days have you drunk alcohol?",
                "كم مرة شربت الكحول خلال الأيام الثلاثين الماضية؟",
                "Ile razy w ciągu ostatnich 30 dni piłeś(-aś) alkohol?",
                "Son 30 günde kaç kez alkol içtin?",
                "Скільки разів за останні 30 днів ти пив(-ла) алкоголь?",
            ),
            relevant=ALC_DRANK,
        ),
        q(
            "select_one freq_30d",
            "alc_drunk_30d",
            L(
                "Hoe vaak ben je in de afgelopen 30 dagen dronken geweest?",
                "How many times in the last 30 days have you been drunk?",
                "كم مرة كنت سكرانًا خلال الأيام الثلاثين الماضية؟",
                "Ile razy w ciągu ostatnich 30 dni byłeś(-aś) pijany(-a)?",
                "Son 30 günde kaç kez sarhoş oldun?",
                "Скільки разів за останні 30 днів ти був(-ла) п'яним(-ою)?",
            ),
            relevant=ALC_DRANK,
            hint=L(
                "Dronken: je liep te wankelen of praatte met dubbele tong.",
                "Drunk: you were unsteady on your feet or your speech was slurred.",
                "السُّكر يعني: كنت تترنّح أو كان كلامك غير واضح.",
                "Pijany(-a) znaczy: chwiałeś(-aś) się albo plątał Ci się język.",
                "Sarhoş: ayakta sallandın ya da konuşman bozuldu.",
                "П'яний(-а) — це коли ти хитався(-лася) або язик заплітався.",
            ),
        ),
        q(
            "select_one binge",
            "alc_binge_30d",
            L(
                "Hoe vaak heb je in de afgelopen 30 dagen 5 of meer glazen alcohol gedronken op één dag of avond?",
                "How many times in the last 30 days did you drink 5 or more glasses of alcohol on one day or evening?",
                "كم مرة خلال الأيام الثلاثين الماضية شربت 5 كؤوس أو أكثر من الكحول في يوم واحد أو سهرة واحدة؟",
                "Ile razy w ciągu ostatnich 30 dni wypiłeś(-aś) 5 lub więcej porcji alkoholu w ciągu jednego dnia "
                "lub wieczoru?",
                "Son 30 günde kaç kez bir gün ya da bir akşamda 5 veya daha fazla bardak alkol içtin?",
                "Скільки разів за останні 30 днів ти випивав(-ла) 5 або більше порцій алкоголю за один день чи вечір?",
            ),
            relevant=ALC_DRANK,
            hint=L(
                "Een blikje bier of een mixdrankje telt als 1 glas.",
                "A can of beer or a premixed drink counts as 1 glass.",
                "علبة بيرة واحدة أو مشروب مخلوط واحد يُحسب كأسًا واحدة.",
                "Puszka piwa albo jeden gotowy drink to 1 porcja.",
                "Bir kutu bira veya bir hazır kokteyl 1 bardak sayılır.",
                "Банка пива або один слабоалкогольний коктейль — це 1 порція.",
            ),
        ),
        q(
            "integer",
            "alc_first_age",
            L(
                "Hoe oud was je toen je voor het eerst alcohol dronk?",
                "How old were you when you first drank alcohol?",
                "كم كان عمرك عندما شربت الكحول لأول مرة؟",
                "Ile miałeś(-aś) lat, kiedy pierwszy raz piłeś(-aś) alkohol?",
                "İlk kez alkol içtiğinde kaç yaşındaydın?",
                "Скільки тобі було років, коли ти вперше випив(-ла) алкоголь?",
            ),
            relevant=ALC_DRANK,
            hint=FIRST_AGE_HINT,
            required_message=REQUIRED_NUMBER,
            constraint=FIRST_AGE,
            constraint_message=FIRST_AGE_MESSAGE,
        ),
        q(
            "select_multiple alc_source",
            "alc_source",
            L(
                "Hoe kwam je in de afgelopen 30 dagen aan alcohol?",
                "How did you get alcohol in the last 30 days?",
                "كيف حصلت على الكحول خلال الأيام الثلاثين الماضية؟",
                "Skąd w ciągu ostatnich 30 dni miałeś(-aś) alkohol?",
                "Son 30 günde alkolü nereden buldun?",
                "Де ти брав(-ла) алкоголь за останні 30 днів?",
            ),
            relevant="${alc_30d} >= 1",
            hint=MORE_ANSWERS,
        ),
    ),
)


def _life(name: str, nl: str, en: str, ar: str, pl: str, tr: str, uk: str) -> Item:
    return q("select_one freq_life", name, L(nl, en, ar, pl, tr, uk))


SMOKING_DRUGS = group(
    "drugs",
    L(
        "Roken, vapen en drugs",
        "Smoking, vaping and drugs",
        "التدخين والفيب والمخدرات",
        "Papierosy, e-papierosy i narkotyki",
        "Sigara, elektronik sigara ve uyuşturucu",
        "Куріння, вейпи та наркотики",
    ),
    (
        _life(
            "tob_life",
            "Hoe vaak heb je in je hele leven sigaretten of shag gerookt?",
            "How many times in your whole life have you smoked cigarettes (including roll-ups)?",
            "كم مرة دخّنت السجائر (أو التبغ الملفوف) في حياتك كلها؟",
            "Ile razy w całym życiu paliłeś(-aś) papierosy (także skręcane)?",
            "Hayatın boyunca kaç kez sigara (sarma tütün dahil) içtin?",
            "Скільки разів за все життя ти курив(-ла) сигарети (також самокрутки)?",
        ),
        q(
            "select_one smoke_freq",
            "tob_30d",
            L(
                "Hoe vaak heb je in de afgelopen 30 dagen sigaretten of shag gerookt?",
                "How often have you smoked cigarettes in the last 30 days?",
                "كم مرة دخّنت السجائر خلال الأيام الثلاثين الماضية؟",
                "Jak często w ciągu ostatnich 30 dni paliłeś(-aś) papierosy?",
                "Son 30 günde ne sıklıkla sigara içtin?",
                "Як часто за останні 30 днів ти курив(-ла) сигарети?",
            ),
        ),
        _life(
            "vape_life",
            "Hoe vaak heb je in je hele leven gevapet (e-sigaret of vape)?",
            "How many times in your whole life have you vaped (e-cigarette or vape)?",
            "كم مرة استخدمت الفيب (السيجارة الإلكترونية) في حياتك كلها؟",
            "Ile razy w całym życiu paliłeś(-aś) e-papierosa (vape)?",
            "Hayatın boyunca kaç kez elektronik sigara (vape) kullandın?",
            "Скільки разів за все життя ти вейпив(-ла) (електронна сигарета чи вейп)?",
        ),
        q(
            "select_one smoke_freq",
            "vape_30d",
            L(
                "Hoe vaak heb je in de afgelopen 30 dagen gevapet?",
                "How often have you vaped in the last 30 days?",
                "كم مرة استخدمت الفيب خلال الأيام الثلاثين الماضية؟",
                "Jak często w ciągu ostatnich 30 dni paliłeś(-aś) e-papierosa?",
                "Son 30 günde ne sıklıkla elektronik sigara kullandın?",
                "Як часто за останні 30 днів ти вейпив(-ла)?",
            ),
        ),
        _life(
            "can_life",
            "Hoe vaak heb je in je hele leven cannabis (wiet of hasj) gebruikt?",
            "How many times in your whole life have you used cannabis (weed or hash)?",
            "كم مرة استخدمت القنب (الحشيش أو الماريجوانا) في حياتك كلها؟",
            "Ile razy w całym życiu używałeś(-aś) marihuany lub haszyszu?",
            "Hayatın boyunca kaç kez esrar (ot veya haşiş) kullandın?",
            "Скільки разів за все життя ти вживав(-ла) канабіс (траву чи гашиш)?",
        ),
        q(
            "select_one freq_30d",
            "can_30d",
            L(
                "Hoe vaak heb je in de afgelopen 30 dagen cannabis (wiet of hasj) gebruikt?",
                "How many times in the last 30 days have you used cannabis (weed or hash)?",
                "كم مرة استخدمت القنب (الحشيش أو الماريجوانا) خلال الأيام الثلاثين الماضية؟",
                "Ile razy w ciągu ostatnich 30 dni używałeś(-aś) marihuany lub haszyszu?",
                "Son 30 günde kaç kez esrar (ot veya haşiş) kullandın?",
                "Скільки разів за останні 30 днів ти вживав(-ла) канабіс (траву чи гашиш)?",
            ),
            relevant="${can_life} != '0'",
        ),
        q(
            "integer",
            "can_first_age",
            L(
                "Hoe oud was je toen je voor het eerst cannabis gebruikte?",
                "How old were you when you first used cannabis?",
                "كم كان عمرك عندما استخدمت القنب لأول مرة؟",
                "Ile miałeś(-aś) lat, kiedy pierwszy raz użyłeś(-aś) marihuany?",
                "İlk kez esrar kullandığında kaç yaşındaydın?",
                "Скільки тобі було років, коли ти вперше спробував(-ла) канабіс?",
            ),
            relevant="${can_life} != '0'",
            hint=FIRST_AGE_HINT,
            required_message=REQUIRED_NUMBER,
            constraint=FIRST_AGE,
            constraint_message=FIRST_AGE_MESSAGE,
        ),
        _life(
            "drug_nitrous_life",
            "Hoe vaak heb je in je hele leven lachgas gebruikt?",
            "How many times in your whole life have you used laughing gas (nitrous oxide, balloons)?",
            "كم مرة استخدمت غاز الضحك (أكسيد النيتروز، البالونات) في حياتك كلها؟",
            "Ile razy w całym życiu używałeś(-aś) gazu rozweselającego (podtlenek azotu, balony)?",
            "Hayatın boyunca kaç kez güldürücü gaz (balon) kullandın?",
            "Скільки разів за все життя ти вживав(-ла) звеселяючий газ (закис азоту, кульки)?",
        ),
        # The fictitious substance: nobody can have used "relevin"; any use flags a respondent as not honest.
        _life(
            "fict_life",
            "Hoe vaak heb je in je hele leven relevin gebruikt?",
            "How many times in your whole life have you used relevin?",
            "كم مرة استخدمت الريليفين في حياتك كلها؟",
            "Ile razy w całym życiu używałeś(-aś) relevinu?",
            "Hayatın boyunca kaç kez relevin kullandın?",
            "Скільки разів за все життя ти вживав(-ла) релевін?",
        ),
        _life(
            "drug_other_life",
            "Hoe vaak heb je in je hele leven andere drugs gebruikt, zoals xtc, cocaïne of speed?",
            "How many times in your whole life have you used other drugs, such as ecstasy, cocaine or speed?",
            "كم مرة استخدمت مخدرات أخرى في حياتك كلها، مثل الإكستاسي أو الكوكايين أو الأمفيتامين؟",
            "Ile razy w całym życiu używałeś(-aś) innych narkotyków, np. ecstasy, kokainy albo amfetaminy?",
            "Hayatın boyunca kaç kez ecstasy, kokain veya speed gibi başka uyuşturucular kullandın?",
            "Скільки разів за все життя ти вживав(-ла) інші наркотики, наприклад екстазі, кокаїн чи амфетамін?",
        ),
    ),
)


def _row(list_name: str, name: str, *texts: str, required: bool = True) -> Item:
    """A row of a matrix: the row text is the item's label, the answer columns its choice list."""
    nl, en, ar, pl, tr, uk = texts
    return q(f"select_one {list_name}", name, L(nl, en, ar, pl, tr, uk), required=required)


PARENTS = group(
    "par",
    L("Je ouders", "Your parents", "والداك", "Twoi rodzice", "Anne baban", "Твої батьки"),
    (
        note(
            "par_note",
            L(
                "Met 'ouders' bedoelen we de volwassenen die thuis voor je zorgen. Dat kan ook een stiefouder, "
                "pleegouder of begeleider zijn.",
                "By 'parents' we mean the adults who take care of you at home. This can also be a step-parent, foster "
                "parent or carer.",
                "نقصد بـ«الوالدين» البالغين الذين يعتنون بك في البيت. يمكن أن يكونوا أيضًا زوج الأم أو زوجة الأب أو "
                "والدين حاضنين أو مشرفين.",
                "Przez „rodziców” rozumiemy dorosłych, którzy opiekują się Tobą w domu. Może to być też ojczym, "
                "macocha, rodzic zastępczy lub opiekun.",
                "'Anne baban' derken evde sana bakan yetişkinleri kastediyoruz. Bu bir üvey anne veya baba, "
                "koruyucu aile ya da bakımından sorumlu biri de olabilir.",
                "Під «батьками» ми маємо на увазі дорослих, які дбають про тебе вдома. Це може бути й вітчим чи "
                "мачуха, прийомні батьки або вихователь.",
            ),
        ),
        group(
            "par_often",
            L(
                "Hoe vaak klopt dit voor jou?",
                "How often is this true for you?",
                "كم مرة ينطبق هذا عليك؟",
                "Jak często tak jest?",
                "Bu senin için ne sıklıkla doğru?",
                "Як часто це так у тебе?",
            ),
            (
                _row(
                    "often5",
                    "par_know_where",
                    "Mijn ouders weten waar ik 's avonds ben.",
                    "My parents know where I am in the evening.",
                    "يعرف والداي أين أكون في المساء.",
                    "Rodzice wiedzą, gdzie jestem wieczorem.",
                    "Anne babam akşamları nerede olduğumu bilir.",
                    "Батьки знають, де я ввечері.",
                ),
                _row(
                    "often5",
                    "par_know_friends",
                    "Mijn ouders kennen mijn vrienden.",
                    "My parents know my friends.",
                    "يعرف والداي أصدقائي.",
                    "Rodzice znają moich znajomych.",
                    "Anne babam arkadaşlarımı tanır.",
                    "Батьки знають моїх друзів.",
                ),
                _row(
                    "often5",
                    "par_know_parents_friends",
                    "Mijn ouders kennen de ouders van mijn vrienden.",
                    "My parents know my friends' parents.",
                    "يعرف والداي آباء وأمهات أصدقائي.",
                    "Rodzice znają rodziców moich znajomych.",
                    "Anne babam arkadaşlarımın anne babalarını tanır.",
                    "Батьки знають батьків моїх друзів.",
                ),
                _row(
                    "often5",
                    "par_time_weekday",
                    "Door de week ben ik samen met mijn ouders (bijvoorbeeld samen eten of praten).",
                    "On weekdays I spend time with my parents (for example eating together or talking).",
                    "في أيام الأسبوع أقضي وقتًا مع والديّ (مثلًا نأكل معًا أو نتحدث).",
                    "W tygodniu spędzam czas z rodzicami (np. jemy razem albo rozmawiamy).",
                    "Hafta içi anne babamla vakit geçiririm (örneğin birlikte yemek yeriz veya konuşuruz).",
                    "У будні я проводжу час із батьками (наприклад, разом їмо або розмовляємо).",
                ),
                _row(
                    "often5",
                    "par_time_weekend",
                    "In het weekend ben ik samen met mijn ouders.",
                    "At the weekend I spend time with my parents.",
                    "في عطلة نهاية الأسبوع أقضي وقتًا مع والديّ.",
                    "W weekend spędzam czas z rodzicami.",
                    "Hafta sonu anne babamla vakit geçiririm.",
                    "На вихідних я проводжу час із батьками.",
                ),
            ),
            appearance="table-list",
        ),
        group(
            "par_agree",
            AGREE_SENTENCES,
            (
                _row(
                    "agree5",
                    "par_warmth",
                    "Ik voel dat mijn ouders van me houden.",
                    "I feel that my parents love me.",
                    "أشعر أن والديّ يحبانني.",
                    "Czuję, że rodzice mnie kochają.",
                    "Anne babamın beni sevdiğini hissediyorum.",
                    "Я відчуваю, що батьки мене люблять.",
                ),
                _row(
                    "agree5",
                    "par_support",
                    "Als ik ergens mee zit, kan ik bij mijn ouders terecht.",
                    "If something is bothering me, I can go to my parents.",
                    "إذا كان هناك شيء يزعجني، أستطيع أن ألجأ إلى والديّ.",
                    "Kiedy coś mnie martwi, mogę przyjść z tym do rodziców.",
                    "Bir şey canımı sıktığında anne babama gidebilirim.",
                    "Коли мене щось турбує, я можу звернутися до батьків.",
                ),
                _row(
                    "agree5",
                    "par_rules",
                    "Thuis zijn er duidelijke regels over wat ik wel en niet mag.",
                    "At home there are clear rules about what I am and am not allowed to do.",
                    "في البيت هناك قواعد واضحة عمّا يُسمح لي به وما لا يُسمح.",
                    "W domu są jasne zasady, co mi wolno, a czego nie.",
                    "Evde neyi yapıp neyi yapamayacağım konusunda net kurallar var.",
                    "Удома є чіткі правила, що мені можна, а що ні.",
                ),
            ),
            appearance="table-list",
        ),
        q(
            "select_one yes_no_nz",
            "par_alc_allowed",
            L(
                "Vinden je ouders het goed als je alcohol drinkt?",
                "Do your parents allow you to drink alcohol?",
                "هل يسمح لك والداك بشرب الكحول؟",
                "Czy rodzice pozwalają Ci pić alkohol?",
                "Anne baban alkol içmene izin veriyor mu?",
                "Чи дозволяють тобі батьки пити алкоголь?",
            ),
        ),
    ),
)

HOURS_HINT_TAIL = L(
    "Vul een aantal uren in, bijvoorbeeld 2 of 1,5.",
    "Enter a number of hours, for example 2 or 1.5.",
    "اكتب عدد الساعات، مثلًا 2 أو 1.5.",
    "Wpisz liczbę godzin, np. 2 albo 1,5.",
    "Saat sayısını yaz, örneğin 2 veya 1,5.",
    "Впиши кількість годин, наприклад 2 або 1,5.",
)


def _peers(name: str, *texts: str) -> Item:
    """How many of your friends …: the Planet Youth peer-use question, answered on the peers5 scale."""
    nl, en, ar, pl, tr, uk = texts
    return q("select_one peers5", name, L(nl, en, ar, pl, tr, uk), hint=FRIENDS_HINT)


def _react(name: str, *texts: str) -> Item:
    nl, en, ar, pl, tr, uk = texts
    return q("select_one react5", name, L(nl, en, ar, pl, tr, uk))


FRIENDS_HINT = L(
    "Denk aan de vrienden met wie je het meest omgaat.",
    "Think of the friends you spend the most time with.",
    "فكّر في الأصدقاء الذين تقضي معهم أكثر وقت.",
    "Pomyśl o znajomych, z którymi spędzasz najwięcej czasu.",
    "En çok vakit geçirdiğin arkadaşlarını düşün.",
    "Подумай про друзів, з якими ти проводиш найбільше часу.",
)

# Peers, the second leefdomein of the Icelandic Prevention Model: how many friends use (Planet Youth asks it
# per substance), what friends think of getting drunk, and how they would react to the pupil's own use.
# `peer_drunk` keeps its wording, hint and choices from version 2025.1, so its trend stays comparable.
PEERS = group(
    "peers",
    L("Je vrienden", "Your friends", "أصدقاؤك", "Twoi znajomi", "Arkadaşların", "Твої друзі"),
    (
        _peers(
            "peer_smoke",
            "Hoeveel van je vrienden roken sigaretten of shag?",
            "How many of your friends smoke cigarettes or roll-ups?",
            "كم من أصدقائك يدخّنون السجائر أو التبغ الملفوف؟",
            "Ilu Twoich znajomych pali papierosy (także skręcane)?",
            "Arkadaşlarından kaçı sigara veya sarma tütün içiyor?",
            "Скільки твоїх друзів курять сигарети чи самокрутки?",
        ),
        _peers(
            "peer_vape",
            "Hoeveel van je vrienden vapen (e-sigaret, vape)?",
            "How many of your friends vape (e-cigarettes, vapes)?",
            "كم من أصدقائك يستخدمون السجائر الإلكترونية (الفيب)؟",
            "Ilu Twoich znajomych używa e-papierosów (wape'ów)?",
            "Arkadaşlarından kaçı elektronik sigara (vape) kullanıyor?",
            "Скільки твоїх друзів вейпить (електронні сигарети, вейпи)?",
        ),
        _peers(
            "peer_alcohol",
            "Hoeveel van je vrienden drinken alcohol?",
            "How many of your friends drink alcohol?",
            "كم من أصدقائك يشربون الكحول؟",
            "Ilu Twoich znajomych pije alkohol?",
            "Arkadaşlarından kaçı alkol içiyor?",
            "Скільки твоїх друзів п'ють алкоголь?",
        ),
        q(
            "select_one peers5",
            "peer_drunk",
            L(
                "Hoeveel van je vrienden zijn in de afgelopen 30 dagen dronken geweest?",
                "How many of your friends have been drunk in the last 30 days?",
                "كم من أصدقائك كانوا سكارى خلال الأيام الثلاثين الماضية؟",
                "Ilu Twoich znajomych było pijanych w ciągu ostatnich 30 dni?",
                "Son 30 günde arkadaşlarından kaçı sarhoş oldu?",
                "Скільки твоїх друзів були п'яними за останні 30 днів?",
            ),
            hint=L(
                "Denk aan de vrienden met wie je het meest omgaat.",
                "Think of the friends you spend the most time with.",
                "فكّر في الأصدقاء الذين تقضي معهم أكثر وقت.",
                "Pomyśl o znajomych, z którymi spędzasz najwięcej czasu.",
                "En çok vakit geçirdiğin arkadaşlarını düşün.",
                "Подумай про друзів, з якими ти проводиш найбільше часу.",
            ),
        ),
        _peers(
            "peer_cannabis",
            "Hoeveel van je vrienden gebruiken wiet of hasj?",
            "How many of your friends use cannabis (weed or hash)?",
            "كم من أصدقائك يتعاطون الحشيش أو الماريجوانا؟",
            "Ilu Twoich znajomych używa marihuany lub haszyszu?",
            "Arkadaşlarından kaçı esrar veya haşhaş kullanıyor?",
            "Скільки твоїх друзів вживають марихуану чи гашиш?",
        ),
        q(
            "select_one attitude5",
            "peer_attitude_drunk",
            L(
                "Wat vinden de meeste van je vrienden ervan om dronken te worden?",
                "What do most of your friends think about getting drunk?",
                "ما رأي معظم أصدقائك في السُّكر؟",
                "Co większość Twoich znajomych myśli o upijaniu się?",
                "Arkadaşlarının çoğu sarhoş olmak hakkında ne düşünüyor?",
                "Що більшість твоїх друзів думає про те, щоб напиватися?",
            ),
        ),
        group(
            "peer_react",
            L(
                "Hoe zouden je vrienden reageren als jij …",
                "How would your friends react if you …",
                "كيف سيكون رد فعل أصدقائك لو أنك …",
                "Jak zareagowaliby Twoi znajomi, gdybyś …",
                "Şunu yapsan arkadaşların nasıl tepki verirdi: …",
                "Як би відреагували твої друзі, якби ти …",
            ),
            (
                _react(
                    "peer_react_smoke",
                    "… sigaretten rookt?",
                    "… smoked cigarettes?",
                    "… دخّنت السجائر؟",
                    "… palił(a) papierosy?",
                    "… sigara içsen?",
                    "… курив(-ла) сигарети?",
                ),
                _react(
                    "peer_react_drunk",
                    "… dronken wordt?",
                    "… got drunk?",
                    "… سكرت؟",
                    "… upił(a) się?",
                    "… sarhoş olsan?",
                    "… напився(-лася)?",
                ),
                _react(
                    "peer_react_cannabis",
                    "… wiet of hasj gebruikt?",
                    "… used cannabis?",
                    "… تعاطيت الحشيش؟",
                    "… używał(a) marihuany?",
                    "… esrar kullansan?",
                    "… вживав(-ла) марихуану?",
                ),
            ),
            appearance="table-list",
        ),
    ),
)


def _hours(name: str, label: Labels, hint: Labels) -> Item:
    return q(
        "decimal",
        name,
        label,
        hint=hint,
        required_message=REQUIRED_NUMBER,
        constraint=HOURS,
        constraint_message=HOURS_MESSAGE,
        appearance="numbers",
    )


LEISURE = group(
    "lei",
    L("Vrije tijd", "Free time", "وقت الفراغ", "Czas wolny", "Boş zaman", "Вільний час"),
    (
        q(
            "select_one times_week",
            "lei_sport_club",
            L(
                "Hoe vaak sport je bij een sportclub of vereniging?",
                "How often do you do sport at a sports club?",
                "كم مرة تمارس الرياضة في نادٍ رياضي؟",
                "Jak często trenujesz w klubie sportowym?",
                "Ne sıklıkla bir spor kulübünde spor yapıyorsun?",
                "Як часто ти займаєшся спортом у спортивному клубі чи секції?",
            ),
            hint=L(
                "Met een trainer, bijvoorbeeld voetbal of dansen. Gym op school telt niet mee.",
                "With a coach, for example football or dance. PE at school does not count.",
                "مع مدرب، مثلًا كرة القدم أو الرقص. حصة الرياضة في المدرسة لا تُحسب.",
                "Z trenerem, np. piłka nożna albo taniec. WF w szkole się nie liczy.",
                "Bir antrenörle, örneğin futbol veya dans. Okuldaki beden eğitimi dersi sayılmaz.",
                "З тренером, наприклад футбол чи танці. Фізкультура в школі не рахується.",
            ),
        ),
        q(
            "select_one times_week",
            "lei_org_other",
            L(
                "Hoe vaak doe je mee aan een andere activiteit met begeleiding, zoals muziekles, scouting of een "
                "jongerenclub?",
                "How often do you take part in another organised activity, such as music lessons, scouts or a youth "
                "club?",
                "كم مرة تشارك في نشاط منظم آخر، مثل دروس الموسيقى أو الكشافة أو نادي شباب؟",
                "Jak często bierzesz udział w innych zorganizowanych zajęciach, np. lekcjach muzyki, harcerstwie albo "
                "klubie młodzieżowym?",
                "Müzik dersi, izcilik veya gençlik kulübü gibi başka organize bir etkinliğe ne sıklıkla katılıyorsun?",
                "Як часто ти береш участь в інших організованих заняттях, як-от уроки музики, скаути чи молодіжний "
                "клуб?",
            ),
            hint=L(
                "Buiten schooltijd.",
                "Outside school hours.",
                "خارج وقت المدرسة.",
                "Poza lekcjami.",
                "Okul saatleri dışında.",
                "Поза уроками.",
            ),
        ),
        q(
            "select_one yes_no_nz",
            "lei_too_expensive",
            L(
                "Is er een sport of hobby die je graag zou willen doen, maar die te duur is voor je gezin?",
                "Is there a sport or hobby you would like to do, but which is too expensive for your family?",
                "هل هناك رياضة أو هواية تحب أن تمارسها، لكنها مكلفة جدًا لعائلتك؟",
                "Czy jest sport lub hobby, które chciałbyś(-abyś) uprawiać, ale jest za drogie dla Twojej rodziny?",
                "Yapmak istediğin ama ailen için çok pahalı olan bir spor ya da hobi var mı?",
                "Чи є спорт або хобі, яким ти хотів(-ла) б займатися, але це задорого для твоєї сім'ї?",
            ),
        ),
        q(
            "select_one times_week",
            "lei_hangout",
            L(
                "Hoe vaak hang je rond met vrienden, zonder iets speciaals te doen?",
                "How often do you hang out with friends without doing anything special?",
                "كم مرة تقضي الوقت مع أصدقائك دون أن تفعلوا شيئًا محددًا؟",
                "Jak często spędzasz czas ze znajomymi, nie robiąc nic konkretnego?",
                "Ne sıklıkla arkadaşlarınla özel bir şey yapmadan takılıyorsun?",
                "Як часто ти проводиш час із друзями, нічого особливого не роблячи?",
            ),
        ),
        q(
            "select_multiple hangout_where",
            "lei_hangout_where",
            L(
                "Waar hang je meestal rond met vrienden?",
                "Where do you usually hang out with friends?",
                "أين تقضي الوقت عادةً مع أصدقائك؟",
                "Gdzie zwykle spędzasz czas ze znajomymi?",
                "Arkadaşlarınla genelde nerede takılıyorsun?",
                "Де ти зазвичай проводиш час із друзями?",
            ),
            relevant="${lei_hangout} >= 1",
            hint=MORE_ANSWERS,
        ),
        q(
            "select_one nights7",
            "lei_out_22",
            L(
                "Hoeveel avonden was je in de afgelopen 7 dagen na 22.00 uur nog buiten, zonder je ouders?",
                "On how many evenings in the last 7 days were you out after 10 pm without your parents?",
                "في كم أمسية خلال الأيام السبعة الماضية كنت خارج البيت بعد الساعة 10 مساءً بدون والديك؟",
                "Przez ile wieczorów w ciągu ostatnich 7 dni byłeś(-aś) poza domem po 22:00 bez rodziców?",
                "Son 7 günde kaç akşam saat 22.00'den sonra anne baban olmadan dışarıdaydın?",
                "Скільки вечорів за останні 7 днів ти був(-ла) не вдома після 22:00 без батьків?",
            ),
        ),
        q(
            "select_one nights7",
            "lei_out_midnight",
            L(
                "Hoeveel avonden was je in de afgelopen 7 dagen na middernacht (00.00 uur) nog buiten, zonder je ouders?",
                "On how many evenings in the last 7 days were you out after midnight without your parents?",
                "في كم أمسية خلال الأيام السبعة الماضية كنت خارج البيت بعد منتصف الليل بدون والديك؟",
                "Przez ile wieczorów w ciągu ostatnich 7 dni byłeś(-aś) poza domem po północy bez rodziców?",
                "Son 7 günde kaç akşam gece yarısından sonra anne baban olmadan dışarıdaydın?",
                "Скільки вечорів за останні 7 днів ти був(-ла) не вдома після опівночі без батьків?",
            ),
        ),
    ),
)

SCREENS = group(
    "scr",
    L(
        "Schermen en slaap",
        "Screens and sleep",
        "الشاشات والنوم",
        "Ekrany i sen",
        "Ekranlar ve uyku",
        "Екрани та сон",
    ),
    (
        _hours(
            "lei_screen_hours",
            L(
                "Hoeveel uur zit je op een schooldag in je vrije tijd achter een scherm?",
                "On a school day, how many hours do you spend in front of a screen in your free time?",
                "في يوم دراسي، كم ساعة تقضي أمام الشاشة في وقت فراغك؟",
                "Ile godzin w dzień szkolny spędzasz w wolnym czasie przed ekranem?",
                "Okul olan bir günde boş zamanında kaç saat ekran başında geçiriyorsun?",
                "Скільки годин у шкільний день ти проводиш за екраном у вільний час?",
            ),
            L(
                "Telefoon, tablet, computer, tv en spelcomputer samen. Niet voor school. Bijvoorbeeld 2 of 1,5.",
                "Phone, tablet, computer, TV and game console together. Not for school. For example 2 or 1.5.",
                "الهاتف والجهاز اللوحي والكمبيوتر والتلفاز وجهاز الألعاب معًا. ليس للمدرسة. مثلًا 2 أو 1.5.",
                "Telefon, tablet, komputer, telewizor i konsola razem. Nie do nauki. Np. 2 albo 1,5.",
                "Telefon, tablet, bilgisayar, televizyon ve oyun konsolu birlikte. Okul için değil. Örneğin 2 veya 1,5.",
                "Телефон, планшет, комп'ютер, телевізор та ігрова приставка разом. Не для навчання. Наприклад, 2 або 1,5.",
            ),
        ),
        _hours(
            "lei_gaming_hours",
            L(
                "Hoeveel uur game je op een schooldag?",
                "On a school day, how many hours do you play games?",
                "في يوم دراسي، كم ساعة تلعب ألعاب الفيديو؟",
                "Ile godzin w dzień szkolny grasz w gry?",
                "Okul olan bir günde kaç saat oyun oynuyorsun?",
                "Скільки годин у шкільний день ти граєш в ігри?",
            ),
            L(
                "Op je telefoon, computer of spelcomputer. Game je niet? Vul dan 0 in.",
                "On your phone, computer or console. If you don't play games, enter 0.",
                "على الهاتف أو الكمبيوتر أو جهاز الألعاب. إذا كنت لا تلعب، اكتب 0.",
                "Na telefonie, komputerze albo konsoli. Jeśli nie grasz, wpisz 0.",
                "Telefonda, bilgisayarda veya oyun konsolunda. Oyun oynamıyorsan 0 yaz.",
                "На телефоні, комп'ютері чи приставці. Якщо не граєш, впиши 0.",
            ),
        ),
        _hours(
            "lei_social_hours",
            L(
                "Hoeveel uur zit je op een schooldag op sociale media?",
                "On a school day, how many hours do you spend on social media?",
                "في يوم دراسي، كم ساعة تقضي على وسائل التواصل الاجتماعي؟",
                "Ile godzin w dzień szkolny spędzasz w mediach społecznościowych?",
                "Okul olan bir günde kaç saat sosyal medyada vakit geçiriyorsun?",
                "Скільки годин у шкільний день ти проводиш у соцмережах?",
            ),
            L(
                "Bijvoorbeeld TikTok, Instagram, Snapchat of WhatsApp.",
                "For example TikTok, Instagram, Snapchat or WhatsApp.",
                "مثلًا تيك توك أو إنستغرام أو سناب شات أو واتساب.",
                "Np. TikTok, Instagram, Snapchat albo WhatsApp.",
                "Örneğin TikTok, Instagram, Snapchat veya WhatsApp.",
                "Наприклад, TikTok, Instagram, Snapchat чи WhatsApp.",
            ),
        ),
        _hours(
            "lei_sleep_hours",
            L(
                "Hoeveel uur slaap je meestal in een nacht voor een schooldag?",
                "How many hours do you usually sleep on a night before a school day?",
                "كم ساعة تنام عادةً في الليلة التي تسبق يومًا دراسيًا؟",
                "Ile godzin zwykle śpisz w nocy przed dniem szkolnym?",
                "Okul olan bir günden önceki gece genelde kaç saat uyuyorsun?",
                "Скільки годин ти зазвичай спиш у ніч перед шкільним днем?",
            ),
            L(
                "Van het moment dat je in slaap valt tot je wakker wordt. Bijvoorbeeld 8 of 7,5.",
                "From when you fall asleep until you wake up. For example 8 or 7.5.",
                "من لحظة نومك حتى تستيقظ. مثلًا 8 أو 7.5.",
                "Od zaśnięcia do obudzenia się. Np. 8 albo 7,5.",
                "Uykuya daldığın andan uyandığın ana kadar. Örneğin 8 veya 7,5.",
                "Від моменту, коли засинаєш, до того, як прокидаєшся. Наприклад, 8 або 7,5.",
            ),
        ),
    ),
)

SCHOOL = group(
    "sch",
    L("School", "School", "المدرسة", "Szkoła", "Okul", "Школа"),
    (
        group(
            "sch_agree",
            L(
                "Ben je het eens met deze zinnen over school?",
                "Do you agree with these sentences about school?",
                "هل توافق على هذه الجمل عن المدرسة؟",
                "Czy zgadzasz się z tymi zdaniami o szkole?",
                "Okulla ilgili bu cümlelere katılıyor musun?",
                "Чи погоджуєшся ти з цими реченнями про школу?",
            ),
            (
                _row(
                    "agree5",
                    "sch_wellbeing",
                    "Ik voel me prettig op school.",
                    "I feel good at school.",
                    "أشعر بالراحة في المدرسة.",
                    "Dobrze się czuję w szkole.",
                    "Okulda kendimi iyi hissediyorum.",
                    "Мені добре в школі.",
                ),
                _row(
                    "agree5",
                    "sch_safe",
                    "Ik voel me veilig op school.",
                    "I feel safe at school.",
                    "أشعر بالأمان في المدرسة.",
                    "Czuję się bezpiecznie w szkole.",
                    "Okulda kendimi güvende hissediyorum.",
                    "Я почуваюся в безпеці в школі.",
                ),
                _row(
                    "agree5",
                    "sch_teacher_support",
                    "Als ik hulp nodig heb, kan ik bij een leraar of mentor terecht.",
                    "If I need help, I can go to a teacher or mentor.",
                    "إذا احتجت إلى مساعدة، أستطيع أن ألجأ إلى معلم أو مرشد.",
                    "Kiedy potrzebuję pomocy, mogę zwrócić się do nauczyciela lub wychowawcy.",
                    "Yardıma ihtiyacım olduğunda bir öğretmene veya rehber öğretmene gidebilirim.",
                    "Коли мені потрібна допомога, я можу звернутися до вчителя чи класного керівника.",
                ),
                _row(
                    "agree5",
                    "sch_diploma",
                    "Ik denk dat ik mijn diploma ga halen.",
                    "I think I will get my diploma.",
                    "أعتقد أنني سأحصل على شهادتي.",
                    "Myślę, że skończę szkołę z dyplomem.",
                    "Diplomamı alacağımı düşünüyorum.",
                    "Я думаю, що отримаю атестат.",
                ),
            ),
            appearance="table-list",
        ),
        q(
            "select_one truancy",
            "sch_truancy_4w",
            L(
                "Hoe vaak heb je in de afgelopen 4 weken gespijbeld?",
                "How many times in the last 4 weeks did you skip school?",
                "كم مرة تغيّبت عن المدرسة دون إذن خلال الأسابيع الأربعة الماضية؟",
                "Ile razy w ciągu ostatnich 4 tygodni byłeś(-aś) na wagarach?",
                "Son 4 haftada kaç kez okulu kırdın?",
                "Скільки разів за останні 4 тижні ти прогулював(-ла) школу?",
            ),
            hint=L(
                "Spijbelen: je was niet op school of in de les, terwijl dat wel moest en je geen toestemming had.",
                "Skipping school: you were not at school or in class when you should have been, without permission.",
                "التغيّب يعني: لم تكن في المدرسة أو في الحصة مع أنه كان يجب أن تكون، ودون إذن.",
                "Wagary: nie było Cię w szkole lub na lekcji, chociaż musiałeś(-aś) być, i nie miałeś(-aś) pozwolenia.",
                "Okulu kırmak: izin almadan, olman gerekirken okulda ya da derste olmamak.",
                "Прогул — це коли ти не був(-ла) у школі чи на уроці, хоча мав(-ла) бути, і без дозволу.",
            ),
        ),
        q(
            "select_one sch_plans",
            "sch_plans",
            L(
                "Wat wil je gaan doen als je klaar bent met deze school?",
                "What do you want to do when you finish this school?",
                "ماذا تريد أن تفعل عندما تنهي هذه المدرسة؟",
                "Co chcesz robić, kiedy skończysz tę szkołę?",
                "Bu okulu bitirince ne yapmak istiyorsun?",
                "Що ти хочеш робити, коли закінчиш цю школу?",
            ),
        ),
    ),
)

WELLBEING = group(
    "wb",
    L("Hoe gaat het met je?", "How are you?", "كيف حالك؟", "Jak się czujesz?", "Nasılsın?", "Як ти?"),
    (
        q(
            "integer",
            "wb_life_sat",
            L(
                "Welk cijfer geef je je leven op dit moment?",
                "What mark would you give your life at the moment?",
                "ما الدرجة التي تعطيها لحياتك الآن؟",
                "Jaką ocenę dałbyś(-abyś) teraz swojemu życiu?",
                "Şu anda hayatına kaç puan verirsin?",
                "Яку оцінку ти зараз дав(-ла) б своєму життю?",
            ),
            hint=L(
                "0 is het slechtste leven dat je je kunt voorstellen, 10 het beste.",
                "0 is the worst life you can imagine, 10 the best.",
                "0 هي أسوأ حياة يمكنك تخيّلها، و10 هي الأفضل.",
                "0 to najgorsze życie, jakie możesz sobie wyobrazić, a 10 – najlepsze.",
                "0 hayal edebileceğin en kötü hayat, 10 en iyisi.",
                "0 — найгірше життя, яке можна уявити, 10 — найкраще.",
            ),
            required_message=REQUIRED_NUMBER,
            constraint=". >= 0 and . <= 10",
            constraint_message=L(
                "Vul een cijfer van 0 tot en met 10 in.",
                "Please enter a number from 0 to 10.",
                "يرجى كتابة رقم من 0 إلى 10.",
                "Wpisz liczbę od 0 do 10.",
                "0 ile 10 arasında bir sayı yaz.",
                "Впиши число від 0 до 10.",
            ),
            appearance="numbers",
        ),
        q(
            "select_one health4",
            "wb_health",
            L(
                "Hoe is je gezondheid, vind je zelf?",
                "How would you describe your health?",
                "كيف تصف صحتك؟",
                "Jak oceniasz swoje zdrowie?",
                "Sağlığını nasıl buluyorsun?",
                "Як ти оцінюєш своє здоров'я?",
            ),
        ),
        group(
            "wb_mh",
            L(
                "Hoe vaak voelde je je in de afgelopen 4 weken zo?",
                "In the last 4 weeks, how often did you feel like this?",
                "كم مرة شعرت بهذا خلال الأسابيع الأربعة الماضية؟",
                "Jak często w ciągu ostatnich 4 tygodni czułeś(-aś) się tak?",
                "Son 4 haftada kendini ne sıklıkla böyle hissettin?",
                "Як часто за останні 4 тижні ти почувався(-лася) так?",
            ),
            (
                _row(
                    "mhi6",
                    "wb_mh_1",
                    "Erg zenuwachtig",
                    "Very nervous",
                    "متوتر جدًا",
                    "Bardzo zdenerwowany(-a)",
                    "Çok gergin",
                    "Дуже знервовано",
                ),
                _row(
                    "mhi6",
                    "wb_mh_2",
                    "Zo somber dat niets je kon opvrolijken",
                    "So down that nothing could cheer you up",
                    "حزين لدرجة أن لا شيء يستطيع أن يفرحك",
                    "Tak przygnębiony(-a), że nic nie mogło Cię pocieszyć",
                    "Hiçbir şeyin neşelendiremeyeceği kadar üzgün",
                    "Так пригнічено, що ніщо не могло тебе розвеселити",
                ),
                _row(
                    "mhi6",
                    "wb_mh_3",
                    "Kalm en rustig",
                    "Calm and peaceful",
                    "هادئ ومرتاح",
                    "Spokojny(-a) i opanowany(-a)",
                    "Sakin ve huzurlu",
                    "Спокійно й умиротворено",
                ),
                _row(
                    "mhi6",
                    "wb_mh_4",
                    "Neerslachtig en somber",
                    "Sad and down",
                    "حزين ومكتئب",
                    "Smutny(-a) i przygnębiony(-a)",
                    "Mutsuz ve keyifsiz",
                    "Сумно й пригнічено",
                ),
                _row("mhi6", "wb_mh_5", "Gelukkig", "Happy", "سعيد", "Szczęśliwy(-a)", "Mutlu", "Щасливо"),
            ),
            appearance="table-list",
        ),
        q(
            "select_one often5",
            "wb_lonely",
            L(
                "Hoe vaak voel je je eenzaam?",
                "How often do you feel lonely?",
                "كم مرة تشعر بالوحدة؟",
                "Jak często czujesz się samotny(-a)?",
                "Ne sıklıkla kendini yalnız hissediyorsun?",
                "Як часто ти почуваєшся самотньо?",
            ),
        ),
        group(
            "wb_agree",
            AGREE_SENTENCES,
            (
                _row(
                    "agree5",
                    "wb_self_esteem",
                    "Ik ben tevreden met mezelf.",
                    "I am happy with myself.",
                    "أنا راضٍ عن نفسي.",
                    "Jestem zadowolony(-a) z siebie.",
                    "Kendimden memnunum.",
                    "Я задоволений(-а) собою.",
                ),
                _row(
                    "agree5",
                    "wb_friend",
                    "Ik heb een vriend of vriendin met wie ik over alles kan praten.",
                    "I have a friend I can talk to about anything.",
                    "لدي صديق أو صديقة أستطيع أن أتحدث معه عن كل شيء.",
                    "Mam przyjaciela lub przyjaciółkę, z którymi mogę porozmawiać o wszystkim.",
                    "Her şeyi konuşabildiğim bir arkadaşım var.",
                    "У мене є друг або подруга, з якими я можу говорити про все.",
                ),
                _row(
                    "agree5",
                    "wb_future",
                    "Ik heb vertrouwen in mijn toekomst.",
                    "I feel confident about my future.",
                    "أنا متفائل بمستقبلي.",
                    "Wierzę w swoją przyszłość.",
                    "Geleceğime güveniyorum.",
                    "Я впевнений(-а) у своєму майбутньому.",
                ),
            ),
            appearance="table-list",
        ),
        q(
            "select_one yes_no_nz",
            "wb_sex_info",
            L(
                "Weet je waar je terecht kunt met vragen over verliefdheid, seks of anticonceptie?",
                "Do you know where to go with questions about love, sex or contraception?",
                "هل تعرف إلى أين تتوجه إذا كانت لديك أسئلة عن الحب أو الجنس أو وسائل منع الحمل؟",
                "Czy wiesz, gdzie możesz zapytać o zakochanie, seks albo antykoncepcję?",
                "Aşk, cinsellik veya doğum kontrolü hakkındaki sorularınla nereye başvurabileceğini biliyor musun?",
                "Чи знаєш ти, куди звернутися з питаннями про закоханість, секс чи контрацепцію?",
            ),
            hint=L(
                "Bijvoorbeeld de jeugdarts, de huisarts, een website of je mentor.",
                "For example the school doctor, your GP, a website or your mentor.",
                "مثلًا طبيب الشباب أو طبيب العائلة أو موقع إلكتروني أو مرشدك.",
                "Np. lekarz szkolny, lekarz rodzinny, strona internetowa albo wychowawca.",
                "Örneğin okul doktoru, aile hekimi, bir internet sitesi veya rehber öğretmenin.",
                "Наприклад, шкільний лікар, сімейний лікар, вебсайт або класний керівник.",
            ),
        ),
    ),
)

BULLY_PERIOD_NOTE = L(
    "Pesten is als iemand steeds weer gemeen tegen je doet: je uitscheldt, uitlacht, buitensluit, slaat of je "
    "spullen afpakt. Het is geen pesten als twee leerlingen die even sterk zijn elkaar plagen of ruzie maken.",
    "Bullying is when someone is mean to you again and again: calls you names, laughs at you, leaves you out, "
    "hits you or takes your things. It is not bullying when two pupils who are equally strong tease each other "
    "or argue.",
    "التنمّر هو عندما يعاملك شخص ما بشكل سيئ مرة بعد مرة: يشتمك أو يسخر منك أو يستبعدك أو يضربك أو يأخذ "
    "أغراضك. لا يُعتبر تنمّرًا عندما يمازح تلميذان متساويان في القوة بعضهما أو يتشاجران.",
    "Nękanie jest wtedy, gdy ktoś ciągle jest dla Ciebie niemiły: wyzywa Cię, wyśmiewa, wyklucza, bije albo "
    "zabiera Twoje rzeczy. To nie jest nękanie, gdy dwoje równie silnych uczniów dokucza sobie albo się kłóci.",
    "Zorbalık, birinin sana tekrar tekrar kötü davranmasıdır: sana hakaret etmesi, seninle alay etmesi, seni "
    "dışlaması, sana vurması ya da eşyalarını alması. Eşit güçteki iki öğrencinin birbirine takılması ya da "
    "tartışması zorbalık değildir.",
    "Булінг — це коли хтось знову і знову поводиться з тобою погано: обзиває, насміхається, не приймає в "
    "компанію, б'є чи забирає твої речі. Це не булінг, коли двоє однаково сильних учнів дражнять одне одного "
    "чи сваряться.",
)

SAFETY = group(
    "saf",
    L(
        "Veiligheid en pesten",
        "Safety and bullying",
        "الأمان والتنمّر",
        "Bezpieczeństwo i nękanie",
        "Güvenlik ve zorbalık",
        "Безпека та булінг",
    ),
    (
        q(
            "select_one often5",
            "saf_unsafe_neighbourhood",
            L(
                "Hoe vaak voel je je onveilig in je buurt?",
                "How often do you feel unsafe in your neighbourhood?",
                "كم مرة تشعر بعدم الأمان في الحي الذي تسكن فيه؟",
                "Jak często czujesz się niebezpiecznie w swojej okolicy?",
                "Mahallende ne sıklıkla kendini güvensiz hissediyorsun?",
                "Як часто ти почуваєшся в небезпеці у своєму районі?",
            ),
        ),
        note("bul_note", BULLY_PERIOD_NOTE),
        q(
            "select_one bully_freq",
            "bul_school",
            L(
                "Hoe vaak ben je de afgelopen paar maanden op school gepest?",
                "How often have you been bullied at school in the past couple of months?",
                "كم مرة تعرّضت للتنمّر في المدرسة خلال الشهرين الماضيين تقريبًا؟",
                "Jak często w ostatnich kilku miesiącach byłeś(-aś) nękany(-a) w szkole?",
                "Son birkaç ayda okulda ne sıklıkla zorbalığa uğradın?",
                "Як часто за останні кілька місяців тебе цькували в школі?",
            ),
        ),
        q(
            "select_one bully_freq",
            "bul_cyber",
            L(
                "Hoe vaak ben je de afgelopen paar maanden online gepest?",
                "How often have you been bullied online in the past couple of months?",
                "كم مرة تعرّضت للتنمّر عبر الإنترنت خلال الشهرين الماضيين تقريبًا؟",
                "Jak często w ostatnich kilku miesiącach byłeś(-aś) nękany(-a) w internecie?",
                "Son birkaç ayda internette ne sıklıkla zorbalığa uğradın?",
                "Як часто за останні кілька місяців тебе цькували в інтернеті?",
            ),
            hint=L(
                "Bijvoorbeeld via berichten, in een groepsapp of op sociale media.",
                "For example through messages, in a group chat or on social media.",
                "مثلًا عبر الرسائل أو في مجموعة دردشة أو على وسائل التواصل الاجتماعي.",
                "Np. przez wiadomości, na czacie grupowym albo w mediach społecznościowych.",
                "Örneğin mesajlarla, bir grup sohbetinde veya sosyal medyada.",
                "Наприклад, у повідомленнях, груповому чаті чи соцмережах.",
            ),
        ),
        q(
            "select_one bully_freq",
            "bul_perpetrator",
            L(
                "Hoe vaak heb jij de afgelopen paar maanden meegedaan met het pesten van iemand anders?",
                "How often have you taken part in bullying someone else in the past couple of months?",
                "كم مرة شاركت في التنمّر على شخص آخر خلال الشهرين الماضيين تقريبًا؟",
                "Jak często w ostatnich kilku miesiącach brałeś(-aś) udział w nękaniu kogoś innego?",
                "Son birkaç ayda başka birine yapılan zorbalığa ne sıklıkla katıldın?",
                "Як часто за останні кілька місяців ти брав(-ла) участь у цькуванні когось іншого?",
            ),
        ),
        q(
            "select_one yes_no_nz",
            "bul_sexting_pressure",
            L(
                "Heeft iemand je in het afgelopen jaar onder druk gezet om een naaktfoto of sexy foto van jezelf te sturen?",
                "In the last year, has anyone pressured you to send a nude or sexy photo of yourself?",
                "هل ضغط عليك أحد خلال السنة الماضية لترسل صورة عارية أو مثيرة لنفسك؟",
                "Czy w ciągu ostatniego roku ktoś naciskał na Ciebie, żebyś wysłał(-a) swoje nagie lub seksowne zdjęcie?",
                "Son bir yılda biri, kendinin çıplak ya da seksi bir fotoğrafını göndermen için sana baskı yaptı mı?",
                "Чи за останній рік хтось тиснув на тебе, щоб ти надіслав(-ла) своє оголене чи сексуальне фото?",
            ),
            required=False,
        ),
    ),
)


def _deed(name: str, *texts: str) -> Item:
    """Delinquency rows are optional: there is no 'zeg ik liever niet', so a pupil may leave them empty."""
    return _row("times_year", name, *texts, required=False)


BEHAVIOUR = group(
    "del",
    L(
        "Het afgelopen jaar",
        "The last year",
        "السنة الماضية",
        "Ostatni rok",
        "Geçen yıl",
        "Останній рік",
    ),
    (
        group(
            "del_often",
            L(
                "Hoe vaak heb je dit in de afgelopen 12 maanden gedaan?",
                "How many times have you done this in the last 12 months?",
                "كم مرة فعلت هذا خلال الأشهر الـ12 الماضية؟",
                "Ile razy zdarzyło Ci się to w ciągu ostatnich 12 miesięcy?",
                "Son 12 ayda bunu kaç kez yaptın?",
                "Скільки разів за останні 12 місяців ти це робив(-ла)?",
            ),
            (
                _deed(
                    "del_steal",
                    "Iets gestolen uit een winkel of van iemand",
                    "Stole something from a shop or from someone",
                    "سرقة شيء من متجر أو من شخص",
                    "Kradzież czegoś ze sklepu lub od kogoś",
                    "Bir dükkândan ya da birinden bir şey çalmak",
                    "Вкрасти щось у магазині чи в когось",
                ),
                _deed(
                    "del_vandalism",
                    "Met opzet iets vernield dat niet van jou was",
                    "Deliberately damaged something that wasn't yours",
                    "إتلاف شيء ليس لك عن قصد",
                    "Celowe zniszczenie czegoś, co nie było Twoje",
                    "Sana ait olmayan bir şeye bilerek zarar vermek",
                    "Навмисно пошкодити щось чуже",
                ),
                _deed(
                    "del_fight",
                    "Iemand zo geslagen of geschopt dat die pijn had of gewond raakte",
                    "Hit or kicked someone so that they were hurt",
                    "ضرب شخص أو ركله بحيث تأذّى",
                    "Uderzenie lub kopnięcie kogoś tak, że go bolało lub został ranny",
                    "Birine canı yanacak ya da yaralanacak şekilde vurmak veya tekme atmak",
                    "Вдарити або штурхнути когось так, що йому було боляче чи він поранився",
                ),
                _deed(
                    "del_police",
                    "Met de politie in aanraking gekomen omdat je iets verkeerds had gedaan",
                    "Got into trouble with the police because you had done something wrong",
                    "مشكلة مع الشرطة بسبب فعل شيء خاطئ",
                    "Kłopoty z policją za zrobienie czegoś złego",
                    "Yanlış bir şey yaptığın için polisle sorun yaşamak",
                    "Мати справу з поліцією через те, що зробив(-ла) щось погане",
                ),
            ),
            appearance="table-list",
        ),
    ),
)


def _signal(name: str, *texts: str) -> Item:
    return q("select_one yes_no_nz", name, L(*texts), required=False)


HOME_SITUATION = group(
    "rs",
    L(
        "Hoe is het thuis?",
        "How are things at home?",
        "كيف الأحوال في البيت؟",
        "Jak jest w domu?",
        "Evde durum nasıl?",
        "Як удома?",
    ),
    (
        note(
            "rs_note",
            L(
                "De volgende vragen gaan over thuis. Je hoeft ze niet te beantwoorden. Zit je ergens mee? Praat met "
                "iemand die je vertrouwt, of bel of chat gratis met de Kindertelefoon: 0800-0432.",
                "The next questions are about home. You don't have to answer them. Is something bothering you? Talk to "
                "someone you trust, or call or chat for free with the Kindertelefoon: 0800-0432.",
                "الأسئلة التالية عن البيت. لست مضطرًا للإجابة عنها. هل يزعجك شيء؟ تحدّث مع شخص تثق به، أو اتصل أو "
                "دردش مجانًا مع Kindertelefoon: 0800-0432.",
                "Kolejne pytania dotyczą domu. Nie musisz na nie odpowiadać. Coś Cię martwi? Porozmawiaj z kimś, komu "
                "ufasz, albo zadzwoń lub napisz za darmo do Kindertelefoon: 0800-0432.",
                "Sonraki sorular evle ilgili. Cevaplamak zorunda değilsin. Seni üzen bir şey mi var? Güvendiğin "
                "biriyle konuş ya da Kindertelefoon'u ücretsiz ara veya yaz: 0800-0432.",
                "Наступні питання — про дім. Ти не мусиш на них відповідати. Тебе щось турбує? Поговори з тим, кому "
                "довіряєш, або безкоштовно зателефонуй чи напиши в Kindertelefoon: 0800-0432.",
            ),
        ),
        _signal(
            "rs_home_tension",
            "Is er thuis vaak ruzie of spanning?",
            "Is there often arguing or tension at home?",
            "هل توجد في البيت غالبًا مشاجرات أو توتر؟",
            "Czy w domu często są kłótnie albo napięta atmosfera?",
            "Evde sık sık kavga ya da gerginlik oluyor mu?",
            "Чи часто вдома бувають сварки чи напруга?",
        ),
        _signal(
            "rs_violence_witnessed",
            "Heb je het afgelopen jaar thuis gezien of gehoord dat iemand werd geslagen, geschopt of op een andere "
            "manier pijn werd gedaan?",
            "In the last year, have you seen or heard at home that someone was hit, kicked or hurt in another way?",
            "هل رأيت أو سمعت في البيت خلال السنة الماضية أن أحدًا تعرّض للضرب أو الركل أو الأذى بطريقة أخرى؟",
            "Czy w ciągu ostatniego roku widziałeś(-aś) lub słyszałeś(-aś) w domu, że ktoś był bity, kopany albo "
            "krzywdzony w inny sposób?",
            "Son bir yılda evde birinin dövüldüğünü, tekmelendiğini ya da başka bir şekilde canının yakıldığını "
            "gördün ya da duydun mu?",
            "Чи бачив(-ла) або чув(-ла) ти за останній рік удома, що когось били, штурхали чи завдавали болю "
            "інакше?",
        ),
        _signal(
            "rs_parent_ill",
            "Heeft een van je ouders een ernstige ziekte? Dat kan een lichamelijke of een psychische ziekte zijn "
            "(bijvoorbeeld een zware depressie).",
            "Does one of your parents have a serious illness? This can be a physical or a mental illness (for "
            "example severe depression).",
            "هل يعاني أحد والديك من مرض خطير؟ قد يكون مرضًا جسديًا أو نفسيًا (مثلًا اكتئاب شديد).",
            "Czy któryś z Twoich rodziców jest poważnie chory? Może to być choroba fizyczna albo psychiczna (np. "
            "ciężka depresja).",
            "Anne ya da babanın ciddi bir hastalığı var mı? Bu bedensel ya da ruhsal bir hastalık olabilir "
            "(örneğin ağır depresyon).",
            "Чи має хтось із твоїх батьків серйозну хворобу? Це може бути фізична або психічна хвороба "
            "(наприклад, важка депресія).",
        ),
        _signal(
            "rs_parent_addiction",
            "Heeft een van je ouders een probleem met alcohol, drugs of gokken?",
            "Does one of your parents have a problem with alcohol, drugs or gambling?",
            "هل لدى أحد والديك مشكلة مع الكحول أو المخدرات أو القمار؟",
            "Czy któryś z Twoich rodziców ma problem z alkoholem, narkotykami albo hazardem?",
            "Anne ya da babanın alkol, uyuşturucu veya kumarla ilgili bir sorunu var mı?",
            "Чи має хтось із твоїх батьків проблему з алкоголем, наркотиками чи азартними іграми?",
        ),
        _signal(
            "rs_money_worries",
            "Maak je je zorgen over geld thuis? Bijvoorbeeld of er genoeg geld is voor eten, kleding of de huur.",
            "Do you worry about money at home? For example whether there is enough money for food, clothes or "
            "the rent.",
            "هل تقلق بشأن المال في البيت؟ مثلًا هل يوجد ما يكفي من المال للطعام أو الملابس أو الإيجار.",
            "Czy martwisz się o pieniądze w domu? Na przykład, czy wystarczy pieniędzy na jedzenie, ubrania albo "
            "czynsz.",
            "Evdeki para durumu için endişeleniyor musun? Örneğin yemek, giyecek veya kira için yeterli para "
            "olup olmadığı.",
            "Чи хвилюєшся ти через гроші вдома? Наприклад, чи вистачить грошей на їжу, одяг або оренду житла.",
        ),
        _signal(
            "rs_parent_detention",
            "Zit een van je ouders in de gevangenis, of heeft hij of zij daar gezeten?",
            "Is one of your parents in prison, or has one of them been in prison?",
            "هل أحد والديك في السجن الآن، أو كان في السجن من قبل؟",
            "Czy któryś z Twoich rodziców jest w więzieniu albo był w więzieniu?",
            "Anne ya da baban şu anda cezaevinde mi, ya da daha önce cezaevinde kaldı mı?",
            "Чи перебуває хтось із твоїх батьків у в'язниці зараз або був там раніше?",
        ),
        _signal(
            "rs_no_home_night",
            "Heb je in het afgelopen jaar ergens anders moeten slapen, omdat je niet thuis kon of mocht blijven?",
            "In the last year, did you have to sleep somewhere else because you could not or were not allowed to "
            "stay at home?",
            "هل اضطررت خلال السنة الماضية إلى النوم في مكان آخر لأنك لم تستطع أو لم يُسمح لك بالبقاء في البيت؟",
            "Czy w ciągu ostatniego roku musiałeś(-aś) spać gdzieś indziej, bo nie mogłeś(-aś) albo nie wolno Ci "
            "było zostać w domu?",
            "Son bir yılda evde kalamadığın ya da kalmana izin verilmediği için başka bir yerde uyumak zorunda "
            "kaldın mı?",
            "Чи доводилося тобі за останній рік ночувати деінде, бо ти не міг(-ла) або тобі не дозволяли "
            "залишатися вдома?",
        ),
    ),
)

END = group(
    "end",
    L("Tot slot", "Finally", "في الختام", "Na koniec", "Son olarak", "Наостанок"),
    (
        q(
            "select_one honest",
            "hon_honest",
            L(
                "Heb je de vragen eerlijk beantwoord?",
                "Did you answer the questions honestly?",
                "هل أجبت عن الأسئلة بصدق؟",
                "Czy odpowiadałeś(-aś) na pytania szczerze?",
                "Soruları dürüstçe cevapladın mı?",
                "Чи чесно ти відповідав(-ла) на питання?",
            ),
        ),
        note(
            "end_note",
            L(
                "Dank je wel! Zit je ergens mee? Praat met iemand die je vertrouwt, zoals je mentor, of met de "
                "Kindertelefoon: 0800-0432.",
                "Thank you! Is something bothering you? Talk to someone you trust, such as your mentor, or to the "
                "Kindertelefoon: 0800-0432.",
                "شكرًا لك! هل يزعجك شيء؟ تحدّث مع شخص تثق به، مثل مرشدك، أو مع Kindertelefoon: 0800-0432.",
                "Dziękujemy! Coś Cię martwi? Porozmawiaj z kimś, komu ufasz, np. z wychowawcą, albo z Kindertelefoon: "
                "0800-0432.",
                "Teşekkürler! Seni üzen bir şey mi var? Güvendiğin biriyle, örneğin rehber öğretmeninle ya da "
                "Kindertelefoon ile konuş: 0800-0432.",
                "Дякуємо! Тебе щось турбує? Поговори з тим, кому довіряєш, наприклад із класним керівником, або з "
                "Kindertelefoon: 0800-0432.",
            ),
        ),
    ),
)

SURVEY: tuple[Group, ...] = (
    INTRO,
    ABOUT_YOU,
    HOME,
    ALCOHOL,
    SMOKING_DRUGS,
    PARENTS,
    PEERS,
    LEISURE,
    SCREENS,
    SCHOOL,
    WELLBEING,
    SAFETY,
    BEHAVIOUR,
    HOME_SITUATION,
    END,
)
