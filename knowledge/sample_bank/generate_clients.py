"""Writes the sample bank's synthetic clients (clients.jsonl), advisors (advisors.jsonl) and teams (teams.jsonl).

Run `python -m knowledge.sample_bank.generate_clients`. The output is reproducible byte for byte: faker and the random
generator are seeded, and every date is relative to REFERENCE_DATE, never today. The scenarios (who holds what, which
need signal each client should raise, who is linked to whom) are written out in SCENARIOS; the seeded generators fill
in identity details, numbers with valid check digits, amounts and dates. Latvian and Russian names are inflected from
hand-checked tables, because no library declines personal names reliably.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.cn import ric
from stdnum.lv import pvn
from stdnum.no import fodselsnummer, kontonr, orgnr
from stdnum.ru import inn

from knowledge.profiles import (
    Address,
    Advisor,
    Card,
    ClientProfile,
    Complaint,
    Consents,
    Contact,
    CreditLine,
    CurrentAccount,
    Deposit,
    ExternalAccount,
    Goal,
    Investment,
    Kyc,
    Language,
    LifeEvent,
    LifeEventKind,
    Link,
    Loan,
    Mortgage,
    NameForm,
    NationalId,
    Note,
    OpenRequest,
    Pension,
    Product,
    Relation,
    RiskLevel,
    RiskProfile,
    SavingsAccount,
    Segment,
    SuitabilityAnswer,
    Team,
    TradeFinance,
)

REFERENCE_DATE = dt.date(2026, 11, 22)
SEED = 20261122
HERE = Path(__file__).resolve().parent
OUTPUTS = ("clients.jsonl", "advisors.jsonl", "teams.jsonl")

TEAMS = (
    Team(team_id="riga", name="Riga Private & Corporate Banking", city="Riga", country="LV"),
    Team(team_id="oslo", name="Oslo Private & Corporate Banking", city="Oslo", country="NO"),
)
ADVISORS = tuple(
    Advisor(advisor_id=a, name=n, team=t, languages=langs, email=f"{e}@nordlys.example")
    for a, n, t, langs, e in (
        ("ikalnina", "Ilze Kalniņa", "riga", ("lv", "en", "ru"), "ilze.kalnina"),
        ("dvolkovs", "Dmitrijs Volkovs", "riga", ("ru", "lv", "en"), "dmitrijs.volkovs"),
        ("mozols", "Mārtiņš Ozols", "riga", ("lv", "en", "ru"), "martins.ozols"),
        ("lwang", "Li Wang", "riga", ("zh", "en", "lv"), "li.wang"),
        ("ihansen", "Ingrid Hansen", "oslo", ("no", "en"), "ingrid.hansen"),
        ("ljohansen", "Lars Johansen", "oslo", ("no", "en"), "lars.johansen"),
        ("jchen", "Jing Chen", "oslo", ("zh", "no", "en"), "jing.chen"),
        ("eclarke", "Emma Clarke", "oslo", ("en", "no"), "emma.clarke"),
    )
)

# ---- names -------------------------------------------------------------------------------------------------------
# Latvian: nominative -> genitive, dative, accusative (2nd declension -is names alternate: Jānis -> Jāņa).
LV_NAMES = {
    "Jānis": ("Jāņa", "Jānim", "Jāni"), "Pēteris": ("Pētera", "Pēterim", "Pēteri"),
    "Edgars": ("Edgara", "Edgaram", "Edgaru"), "Juris": ("Jura", "Jurim", "Juri"),
    "Kārlis": ("Kārļa", "Kārlim", "Kārli"), "Roberts": ("Roberta", "Robertam", "Robertu"),
    "Līga": ("Līgas", "Līgai", "Līgu"), "Anna": ("Annas", "Annai", "Annu"),
    "Kristīne": ("Kristīnes", "Kristīnei", "Kristīni"), "Inese": ("Ineses", "Inesei", "Inesi"),
    "Bērziņš": ("Bērziņa", "Bērziņam", "Bērziņu"), "Bērziņa": ("Bērziņas", "Bērziņai", "Bērziņu"),
    "Zariņa": ("Zariņas", "Zariņai", "Zariņu"), "Krūmiņš": ("Krūmiņa", "Krūmiņam", "Krūmiņu"),
    "Liepiņš": ("Liepiņa", "Liepiņam", "Liepiņu"), "Eglīte": ("Eglītes", "Eglītei", "Eglīti"),
    "Lācis": ("Lāča", "Lācim", "Lāci"), "Jansone": ("Jansones", "Jansonei", "Jansoni"),
    "Balodis": ("Baloža", "Balodim", "Balodi"),
}
LV_CASES = ("genitive", "dative", "accusative")
# Russian given names: genitive, dative, accusative, instrumental, prepositional; passport (ICAO) and Latvian spelling.
RU_GIVEN = {
    "Андрей": ("Андрея", "Андрею", "Андрея", "Андреем", "Андрее", "Andrei", "Andrejs"),
    "Сергей": ("Сергея", "Сергею", "Сергея", "Сергеем", "Сергее", "Sergei", "Sergejs"),
    "Дмитрий": ("Дмитрия", "Дмитрию", "Дмитрия", "Дмитрием", "Дмитрии", "Dmitrii", "Dmitrijs"),
    "Михаил": ("Михаила", "Михаилу", "Михаила", "Михаилом", "Михаиле", "Mikhail", "Mihails"),
    "Татьяна": ("Татьяны", "Татьяне", "Татьяну", "Татьяной", "Татьяне", "Tatiana", "Tatjana"),
    "Анна": ("Анны", "Анне", "Анну", "Анной", "Анне", "Anna", "Anna"),
    "Екатерина": ("Екатерины", "Екатерине", "Екатерину", "Екатериной", "Екатерине", "Ekaterina", "Jekaterina"),
    "Светлана": ("Светланы", "Светлане", "Светлану", "Светланой", "Светлане", "Svetlana", "Svetlana"),
}
RU_FAMILY = {  # masculine -ов surnames: passport and Latvian spelling; the feminine adds -а / -a
    "Иванов": ("Ivanov", "Ivanovs"), "Смирнов": ("Smirnov", "Smirnovs"), "Козлов": ("Kozlov", "Kozlovs"),
    "Соколов": ("Sokolov", "Sokolovs"), "Морозов": ("Morozov", "Morozovs"), "Павлов": ("Pavlov", "Pavlovs"),
    "Новиков": ("Novikov", "Novikovs"),
}
RU_PATRONYMIC = {  # father's name -> masculine, feminine, and their passport spellings
    "Николай": ("Николаевич", "Николаевна", "Nikolaevich", "Nikolaevna"),
    "Пётр": ("Петрович", "Петровна", "Petrovich", "Petrovna"),
    "Владимир": ("Владимирович", "Владимировна", "Vladimirovich", "Vladimirovna"),
    "Михаил": ("Михайлович", "Михайловна", "Mikhailovich", "Mikhailovna"),
    "Александр": ("Александрович", "Александровна", "Aleksandrovich", "Aleksandrovna"),
    "Сергей": ("Сергеевич", "Сергеевна", "Sergeevich", "Sergeevna"),
    "Иван": ("Иванович", "Ивановна", "Ivanovich", "Ivanovna"),
}
RU_CASES = ("genitive", "dative", "accusative", "instrumental", "prepositional")
ZH_PINYIN = {"王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "伟": "Wei", "娜": "Na", "敏": "Min",
             "强": "Qiang", "芳": "Fang"}
ICAO = str.maketrans({"ā": "a", "č": "c", "ē": "e", "ģ": "g", "ī": "i", "ķ": "k", "ļ": "l", "ņ": "n", "š": "s",
                      "ū": "u", "ž": "z", "Ā": "A", "Č": "C", "Ē": "E", "Ģ": "G", "Ī": "I", "Ķ": "K", "Ļ": "L",
                      "Ņ": "N", "Š": "S", "Ū": "U", "Ž": "Z", "å": "aa", "æ": "ae", "ø": "oe", "Å": "Aa",
                      "Æ": "Ae", "Ø": "Oe", "é": "e", "ö": "o", "ü": "u"})

# ---- places ------------------------------------------------------------------------------------------------------
PLACES = {  # home -> country, city, postcodes, streets, phone country
    "riga": ("LV", "Rīga", ("LV-1010", "LV-1011", "LV-1050", "LV-1001", "LV-1039", "LV-1048"),
             ("Brīvības iela", "Krišjāņa Barona iela", "Elizabetes iela", "Tērbatas iela", "Lāčplēša iela",
              "Ģertrūdes iela", "Dzirnavu iela", "Avotu iela", "Kalnciema iela", "Krišjāņa Valdemāra iela")),
    "jurmala": ("LV", "Jūrmala", ("LV-2015",), ("Jomas iela", "Dzintaru prospekts", "Lienes iela")),
    "sigulda": ("LV", "Sigulda", ("LV-2150",), ("Pils iela", "Ausekļa iela")),
    "ogre": ("LV", "Ogre", ("LV-5001",), ("Rūpnīcas iela", "Brīvības iela")),
    "oslo": ("NO", "Oslo", ("0250", "0257", "0264", "0351", "0358", "0367", "0455", "0458", "0552", "0661"),
             ("Bygdøy allé", "Thereses gate", "Ullevålsveien", "Kirkeveien", "Sognsveien", "Trondheimsveien",
              "Bogstadveien", "Frognerveien", "Maridalsveien", "Holmenkollveien")),
    "baerum": ("NO", "Sandvika", ("1337",), ("Rådmann Halmrasts vei", "Brambanivegen")),
    "bergen": ("NO", "Bergen", ("5003", "5013"), ("Strandkaien", "Kong Oscars gate", "Nedre Ole Bulls plass")),
    "alesund": ("NO", "Ålesund", ("6002",), ("Kongens gate", "Apotekergata")),
    "moscow": ("RU", "Москва", ("125009", "119049", "117342"), ("ул. Тверская", "Ленинский пр-т",
                                                                 "ул. Профсоюзная")),
    "shanghai": ("CN", "上海", ("200030",), ("徐汇区漕溪北路", "浦东新区世纪大道")),
    "london": ("GB", "London", ("N1 2TZ",), ("Upper Street",)),
}
MOBILE_PREFIXES = {"LV": ("+3712",), "NO": ("+474", "+479"), "RU": ("+7916", "+7926", "+7903"),
                   "CN": ("+86138", "+86139", "+86186"), "GB": ("+447911", "+447400", "+447827")}
MAIL_DOMAINS = {"lv": ("inbox.lv", "gmail.com", "apollo.lv"), "no": ("online.no", "gmail.com", "outlook.com"),
                "ru": ("mail.ru", "yandex.ru", "gmail.com"), "zh": ("qq.com", "163.com", "gmail.com"),
                "en": ("gmail.com", "outlook.com", "btinternet.com")}
COUNTRY_IN = {  # the form each note template needs: "in China"
    "CN": {"en": "China", "lv": "Ķīnā", "no": "Kina", "ru": "Китае", "zh": "中国"},
    "DE": {"en": "Germany", "lv": "Vācijā", "no": "Tyskland", "ru": "Германии", "zh": "德国"},
    "NO": {"en": "Norway", "lv": "Norvēģijā", "no": "Norge", "ru": "Норвегии", "zh": "挪威"},
    "GB": {"en": "the United Kingdom", "lv": "Lielbritānijā", "no": "Storbritannia", "ru": "Великобритании",
           "zh": "英国"},
    "PL": {"en": "Poland", "lv": "Polijā", "no": "Polen", "ru": "Польше", "zh": "波兰"},
    "US": {"en": "the United States", "lv": "ASV", "no": "USA", "ru": "США", "zh": "美国"},
}

# ---- note templates: {date} {amount} {country} {employer} {company} {street} {city} ---------------------------------
NOTES: dict[str, dict[str, str]] = {
    "corp_commitment": {
        "en": "Call with the finance director after the application. We agreed to send the term sheet and the list "
              "of documents within five working days, and to confirm the pricing in writing.",
        "lv": "Saruna ar finanšu direktoru pēc pieteikuma. Vienojāmies piecu darba dienu laikā nosūtīt "
              "indikatīvos noteikumus un dokumentu sarakstu un rakstiski apstiprināt cenu.",
        "no": "Samtale med finansdirektøren etter søknaden. Vi har avtalt å sende indikative vilkår og "
              "dokumentlisten innen fem virkedager og bekrefte prisingen skriftlig.",
        "ru": "Звонок с финансовым директором после заявки. Договорились в течение пяти рабочих дней направить "
              "индикативные условия и перечень документов и письменно подтвердить цену.",
        "zh": "申请提交后与财务总监通话。我们约定在五个工作日内发送指示性条款和文件清单，并书面确认定价。",
    },
    "review": {
        "en": "Annual review meeting. No change in the client's circumstances; happy with the service and prefers to "
              "be contacted by email.",
        "lv": "Ikgadējā pārskata tikšanās. Klienta situācija nav mainījusies; klients ir apmierināts ar apkalpošanu "
              "un vēlas saziņu e-pastā.",
        "no": "Årlig gjennomgang. Ingen endringer i kundens situasjon; kunden er fornøyd og ønsker kontakt på e-post.",
        "ru": "Ежегодная встреча. Ситуация клиента не изменилась; клиент доволен обслуживанием и предпочитает связь "
              "по электронной почте.",
        "zh": "年度回顾会议。客户情况没有变化；对服务满意，希望通过电子邮件联系。",
    },
    "corp_review": {
        "en": "Annual relationship meeting with the management. Turnover is growing; cash flow is seasonal and the "
              "company draws on the credit line in the spring.",
        "lv": "Ikgadējā tikšanās ar uzņēmuma vadību. Apgrozījums aug; naudas plūsma ir sezonāla, un kredītlīniju "
              "uzņēmums izmanto pavasarī.",
        "no": "Årlig kundemøte med ledelsen. Omsetningen øker; kontantstrømmen er sesongbetont, og selskapet bruker "
              "kredittrammen om våren.",
        "ru": "Ежегодная встреча с руководством компании. Оборот растёт; денежный поток сезонный, кредитную линию "
              "компания использует весной.",
        "zh": "与公司管理层的年度会谈。营业额持续增长；现金流有季节性，公司在春季使用授信额度。",
    },
    "mortgage_fix": {
        "en": "The fixed rate on the mortgage ends on {date}. The client wants to compare a new fixed period with a "
              "variable rate before deciding.",
        "lv": "Hipotekārā kredīta fiksētā procentu likme beidzas {date}. Klients vēlas salīdzināt jaunu fiksētās "
              "likmes periodu ar mainīgo likmi, pirms pieņemt lēmumu.",
        "no": "Fastrenten på boliglånet løper ut {date}. Kunden vil sammenligne en ny fastrenteperiode med flytende "
              "rente før beslutning.",
        "ru": "Фиксированная ставка по ипотеке заканчивается {date}. Клиент хочет сравнить новый фиксированный "
              "период с плавающей ставкой, прежде чем принять решение.",
        "zh": "房贷固定利率将于{date}到期。客户希望先比较新的固定利率期和浮动利率，再做决定。",
    },
    "deposit": {
        "en": "The term deposit of {amount} matures on {date}. The client has not yet decided whether to renew it or "
              "keep the money available.",
        "lv": "Termiņnoguldījuma ({amount}) termiņš beidzas {date}. Klients vēl nav izlēmis, vai to pagarināt vai "
              "turēt naudu brīvi pieejamu.",
        "no": "Termininnskuddet på {amount} forfaller {date}. Kunden har ikke bestemt seg for om det skal fornyes "
              "eller om pengene skal være tilgjengelige.",
        "ru": "Срок депозита на {amount} истекает {date}. Клиент ещё не решил, продлить ли депозит или оставить "
              "деньги доступными.",
        "zh": "{amount}的定期存款将于{date}到期。客户尚未决定是续存还是保留资金灵活使用。",
    },
    "idle": {
        "en": "About {amount} is sitting on the current account. The client has no specific plans for the money; we "
              "agreed to look at the options at the next meeting.",
        "lv": "Norēķinu kontā ir aptuveni {amount}. Klientam nav konkrētu plānu šai naudai; vienojāmies apspriest "
              "iespējas nākamajā tikšanās reizē.",
        "no": "Det står rundt {amount} på brukskontoen. Kunden har ingen konkrete planer for pengene; vi avtalte å se "
              "på alternativer i neste møte.",
        "ru": "На текущем счёте около {amount}. Конкретных планов на эти деньги у клиента нет; договорились обсудить "
              "варианты на следующей встрече.",
        "zh": "活期账户中约有{amount}。客户对这笔资金暂无具体计划；约定在下次会面时讨论可选方案。",
    },
    "kyc": {
        "en": "KYC review due on {date}. A recent proof of address and an updated source-of-funds statement have been "
              "requested from the client.",
        "lv": "KYC pārskatīšana jāveic līdz {date}. Klientam nosūtīts pieprasījums iesniegt jaunu adreses "
              "apliecinājumu un aktualizētu informāciju par līdzekļu izcelsmi.",
        "no": "KYC-gjennomgangen forfaller {date}. Kunden er bedt om ny adressebekreftelse og oppdatert informasjon "
              "om midlenes opprinnelse.",
        "ru": "Пересмотр KYC — до {date}. Клиенту направлен запрос на свежее подтверждение адреса и обновлённые "
              "сведения о происхождении средств.",
        "zh": "KYC复核须在{date}前完成。已请客户提供近期地址证明和更新的资金来源说明。",
    },
    "kyc_company": {
        "en": "KYC review due on {date}. An up-to-date registry extract and beneficial owner declaration have been "
              "requested.",
        "lv": "KYC pārskatīšana jāveic līdz {date}. Pieprasīts aktuāls reģistra izraksts un patiesā labuma guvēja "
              "deklarācija.",
        "no": "KYC-gjennomgangen forfaller {date}. Oppdatert firmaattest og erklæring om reelle rettighetshavere er "
              "etterspurt.",
        "ru": "Пересмотр KYC — до {date}. Запрошены актуальная выписка из регистра и декларация о конечных "
              "бенефициарах.",
        "zh": "KYC复核须在{date}前完成。已要求提供最新的工商登记摘录和最终受益人声明。",
    },
    "no_marketing": {
        "en": "The client asked not to receive product offers. Contact limited to service information.",
        "lv": "Klients lūdza nesūtīt produktu piedāvājumus. Saziņa tikai par apkalpošanas jautājumiem.",
        "no": "Kunden har bedt om å ikke få produkttilbud. Kontakt kun om tjenesteinformasjon.",
        "ru": "Клиент попросил не присылать предложения продуктов. Общение только по сервисным вопросам.",
        "zh": "客户要求不接收产品推广信息。仅限服务类沟通。",
    },
    "retirement": {
        "en": "The client retires on {date} and wants a steady monthly income from savings and pension. Prepare a "
              "retirement income plan.",
        "lv": "Klients {date} dodas pensijā un vēlas stabilus ikmēneša ienākumus no uzkrājumiem un pensijas. "
              "Jāsagatavo ienākumu plāns pensijas periodam.",
        "no": "Kunden går av med pensjon {date} og ønsker en jevn månedlig inntekt fra sparing og pensjon. Lag en "
              "plan for pensjonsinntekt.",
        "ru": "Клиент выходит на пенсию {date} и хочет стабильный ежемесячный доход от сбережений и пенсии. "
              "Подготовить план пенсионного дохода.",
        "zh": "客户将于{date}退休，希望从储蓄和养老金中获得稳定的月收入。需准备退休收入方案。",
    },
    "birth": {
        "en": "The client's child was born on {date}. The client asked about a savings plan for the child.",
        "lv": "Klienta ģimenē {date} piedzima bērns. Klients interesējās par uzkrājumu plānu bērnam.",
        "no": "Kunden fikk barn {date}. Kunden spurte om spareavtale for barnet.",
        "ru": "{date} у клиента родился ребёнок. Клиент спрашивал о накопительном плане для ребёнка.",
        "zh": "客户的孩子于{date}出生。客户询问了为孩子设立储蓄计划的事宜。",
    },
    "marriage": {
        "en": "The client got married on {date}. Household details to be updated; the couple is thinking about "
              "buying a home.",
        "lv": "Klients {date} stājās laulībā. Jāatjauno informācija par mājsaimniecību; pāris domā par mājokļa "
              "iegādi.",
        "no": "Kunden giftet seg {date}. Husstandsopplysningene må oppdateres; paret vurderer å kjøpe bolig.",
        "ru": "{date} клиент вступил в брак. Нужно обновить данные о домохозяйстве; пара думает о покупке жилья.",
        "zh": "客户于{date}结婚。需更新家庭信息；夫妻二人正在考虑购房。",
    },
    "new_job": {
        "en": "The client started a new job at {employer} on {date}; the salary will now be paid into the Nordlys "
              "Bank account.",
        "lv": "Klients no {date} strādā jaunā darbavietā – {employer}; alga turpmāk tiks ieskaitīta Nordlys Bank "
              "kontā.",
        "no": "Kunden begynte i ny jobb hos {employer} {date}; lønnen kommer heretter inn på kontoen i Nordlys Bank.",
        "ru": "С {date} клиент работает на новом месте — {employer}; зарплата теперь поступает на счёт в Nordlys "
              "Bank.",
        "zh": "客户自{date}起在{employer}开始新工作；工资今后将转入Nordlys Bank账户。",
    },
    "inheritance": {
        "en": "The client received an inheritance of about {amount} on {date}. Source-of-funds documents received; "
              "no decision yet on what to do with the money.",
        "lv": "Klients {date} saņēma mantojumu aptuveni {amount} apmērā. Līdzekļu izcelsmes dokumenti saņemti; "
              "lēmums par naudas izmantošanu vēl nav pieņemts.",
        "no": "Kunden mottok en arv på rundt {amount} {date}. Dokumentasjon på midlenes opprinnelse er mottatt; "
              "ingen beslutning ennå om hva pengene skal brukes til.",
        "ru": "{date} клиент получил наследство около {amount}. Документы о происхождении средств получены; решение "
              "о том, как распорядиться деньгами, пока не принято.",
        "zh": "客户于{date}获得约{amount}的遗产。资金来源文件已收到；尚未决定如何使用这笔资金。",
    },
    "move": {
        "en": "The client moved to {street}, {city} on {date}; address updated.",
        "lv": "Klients {date} pārcēlās uz jaunu adresi: {street}, {city}; adrese atjaunota.",
        "no": "Kunden flyttet til {street}, {city} {date}; adressen er oppdatert.",
        "ru": "{date} клиент переехал по новому адресу: {street}, {city}; адрес обновлён.",
        "zh": "客户于{date}搬到新地址：{city}{street}；地址已更新。",
    },
    "company_sale": {
        "en": "The client is considering selling {company} and would like the sale completed by {date}. Wants advice "
              "on placing the proceeds; bring in a private banking specialist.",
        "no": "Kunden vurderer å selge {company} og ønsker salget gjennomført innen {date}. Ønsker råd om hvordan "
              "salgssummen kan plasseres; involver en spesialist fra private banking.",
    },
    "credit_review": {
        "en": "Annual review of the {amount} credit line is due on {date}. The latest management accounts and the "
              "order book have been requested.",
        "lv": "Kredītlīnijas ({amount}) ikgadējā pārskatīšana jāveic līdz {date}. Pieprasīti jaunākie vadības "
              "pārskati un pasūtījumu portfelis.",
        "no": "Årlig gjennomgang av kredittrammen på {amount} skal være ferdig innen {date}. Siste perioderegnskap og "
              "ordrereserve er etterspurt.",
        "ru": "Ежегодный пересмотр кредитной линии на {amount} — до {date}. Запрошены последняя управленческая "
              "отчётность и портфель заказов.",
        "zh": "{amount}授信额度的年度审查须在{date}前完成。已要求提供最新管理报表和订单情况。",
    },
    "trade_import": {
        "en": "The company plans to buy from a new supplier in {country}; the supplier asks for a letter of credit of "
              "about {amount}. Bring in the trade finance desk.",
        "lv": "Uzņēmums plāno iepirkumus no jauna piegādātāja {country}; piegādātājs prasa akreditīvu aptuveni "
              "{amount} apmērā. Jāiesaista tirdzniecības finansēšanas nodaļa.",
        "no": "Selskapet skal kjøpe fra en ny leverandør i {country}; leverandøren krever remburs på rundt {amount}. "
              "Involver trade finance-avdelingen.",
        "ru": "Компания планирует закупки у нового поставщика в {country}; поставщик требует аккредитив примерно на "
              "{amount}. Подключить отдел торгового финансирования.",
        "zh": "公司计划向{country}的新供应商采购；供应商要求开立约{amount}的信用证。需联系贸易融资部。",
    },
    "trade_export": {
        "en": "The company has won a new buyer in {country}; the buyer wants to pay by letter of credit of about "
              "{amount}. Discuss confirmation and currency hedging with the trade finance desk.",
        "lv": "Uzņēmums ieguvis jaunu pircēju {country}; pircējs vēlas maksāt ar akreditīvu aptuveni {amount} "
              "apmērā. Ar tirdzniecības finansēšanas nodaļu jāapspriež apstiprināšana un valūtas riska "
              "ierobežošana.",
        "no": "Selskapet har fått en ny kjøper i {country}; kjøperen vil betale med remburs på rundt {amount}. "
              "Diskuter bekreftelse og valutasikring med trade finance-avdelingen.",
        "ru": "У компании новый покупатель в {country}; покупатель хочет платить аккредитивом примерно на {amount}. "
              "Обсудить с отделом торгового финансирования подтверждение и хеджирование валютного риска.",
        "zh": "公司在{country}获得新买家；买方希望以约{amount}的信用证付款。需与贸易融资部讨论保兑和汇率风险对冲。",
    },
    "trade_guarantee": {
        "en": "A new contract in {country} requires a performance guarantee of about {amount}. The application is "
              "to be prepared with the trade finance desk.",
        "lv": "Jaunam līgumam {country} nepieciešama līguma izpildes garantija aptuveni {amount} apmērā. Pieteikums "
              "jāsagatavo kopā ar tirdzniecības finansēšanas nodaļu.",
        "no": "En ny kontrakt i {country} krever en kontraktsgaranti på rundt {amount}. Søknaden forberedes sammen "
              "med trade finance-avdelingen.",
        "ru": "Для нового контракта в {country} нужна гарантия исполнения примерно на {amount}. Заявку подготовить "
              "вместе с отделом торгового финансирования.",
        "zh": "{country}的新合同需要约{amount}的履约保函。需与贸易融资部一起准备申请。",
    },
    # One client each.
    "coming_of_age": {
        "lv": "{given} {date} kļūs pilngadīgs. Vecāki jautāja, kā jauniešu kontu pārveidot par parastu norēķinu kontu "
              "un kā {given_dative} pašam piekļūt internetbankai.",
    },
    "vulnerable": {
        "ru": "Клиентка недавно потеряла мужа и очень тяжело переживает утрату. Ей трудно разбираться с документами, "
              "на встречи приходит с дочерью. Договорились не обсуждать новые продукты; следующий звонок через две "
              "недели.",
    },
    "complaint": {
        "no": "Kunden klager på at gebyret for en utenlandsbetaling ble trukket to ganger. Klagen er registrert og "
              "sendt til betalingsavdelingen; svar er lovet innen {date}.",
    },
    "complaint_resolved": {
        "lv": "Klienta karte ārzemēs tika bloķēta bez brīdinājuma. Sūdzība izskatīta, komisijas maksa atmaksāta; "
              "klients ir apmierināts ar risinājumu.",
    },
    "pep": {
        "ru": "Клиент является близким родственником публичного должностного лица (PEP). Продолжение деловых "
              "отношений одобрено руководством банка; KYC пересматривается ежегодно.",
    },
}


# ---- scenarios -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scenario:
    """One synthetic client as written by hand; the seeded generators fill in the rest."""

    key: str
    language: Language
    segment: Segment
    rm: str
    home: str  # a key of PLACES
    features: str = ""  # space-separated, see _build_person and _build_company
    sex: str = ""  # M | F; empty for a company
    age: int = 0
    names: tuple[str, ...] = ()  # lv: given, family; ru: given, masculine family, father's name; zh: family, given
    id_scheme: str = ""  # lv | lv_new | no | no_d | ru_inn | ru_snils | ru_passport | cn | other
    risk: RiskLevel | None = None
    employer: str = ""  # a company's scenario key, a name, or "*" for a faker company
    links: tuple[tuple[str, Relation, str], ...] = ()  # (scenario key, relation, detail)
    external: str = ""  # country of an account at another bank
    company: str = ""
    contacts: tuple[tuple[str, str, str], ...] = ()  # (scenario key, name or "" for faker; role; Latin e-mail name)
    trade: tuple[str, str] = ("", "")  # (counterparty country, note template)
    born: dt.date | None = None


S = Scenario
SCENARIOS = (
    S("lv_janis", "lv", "private", "ikalnina", "riga", "fix_ending idle_cash", "M", 52, ("Jānis", "Bērziņš"), "lv",
      "growth", "co_koks", (("co_koks", "owner", "founder, 100 %"),)),
    S("lv_liga", "lv", "premium", "ikalnina", "riga", "deposit_maturing", "F", 49, ("Līga", "Bērziņa"), "lv",
      "balanced", "SIA Daugavas Dizains", (("lv_janis", "household", "spouse"),)),
    S("lv_roberts", "lv", "retail", "ikalnina", "riga", "coming_of_age", "M", 17, ("Roberts", "Bērziņš"), "lv",
      links=(("lv_janis", "household", "child"), ("lv_liga", "household", "child")), born=dt.date(2008, 12, 29)),
    S("lv_anna", "lv", "premium", "ikalnina", "riga", "marriage new_job", "F", 31, ("Anna", "Zariņa"), "lv", "growth",
      "SIA Ziemeļu Programmatūra"),
    S("lv_peteris", "lv", "private", "ikalnina", "sigulda", "retiring deposit_maturing kyc_due", "M", 64,
      ("Pēteris", "Krūmiņš"), "lv", "conservative", "AS Vidzemes Enerģija"),
    S("lv_edgars", "lv", "retail", "dvolkovs", "riga", "consumer_loan no_marketing", "M", 36, ("Edgars", "Liepiņš"),
      "lv", employer="SIA Rīgas Auto Serviss"),
    S("lv_kristine", "lv", "premium", "dvolkovs", "riga", "birth fix_later complaint_resolved", "F", 35,
      ("Kristīne", "Eglīte"), "lv", "balanced", "SIA Daugavas Dizains"),
    S("lv_juris", "lv", "premium", "ikalnina", "riga", "kyc_due car_loan", "M", 45, ("Juris", "Lācis"), "lv",
      "balanced", "co_logistika", (("co_logistika", "director", "board member"),)),
    S("lv_inese", "lv", "private", "ikalnina", "jurmala", "inheritance idle_cash deposit", "F", 58,
      ("Inese", "Jansone"), "lv", "balanced", external="DE"),
    S("lv_karlis", "lv", "retail", "dvolkovs", "ogre", "new_job no_profiling", "M", 29, ("Kārlis", "Balodis"), "lv",
      employer="co_koks", links=(("co_koks", "employee", "production planner"),)),
    S("co_koks", "lv", "corporate", "mozols", "ogre", "credit_review", company="SIA Baltijas Koka Nami",
      contacts=(("lv_janis", "Chairman of the board", "janis.berzins"),
                ("Dace Siliņa", "Chief financial officer", "dace.silina")), trade=("NO", "trade_export")),
    S("co_logistika", "lv", "corporate", "mozols", "riga", "kyc_due", company="SIA Daugavas Loģistika",
      contacts=(("lv_juris", "Board member", "juris.lacis"), ("Zane Vītola", "Chief accountant", "zane.vitola")),
      trade=("PL", "trade_guarantee")),
    S("ru_andrei", "ru", "premium", "dvolkovs", "riga", "fix_ending", "M", 47, ("Андрей", "Иванов", "Николай"), "lv",
      "balanced", "AS Baltijas Jūras Līnijas"),
    S("ru_tatiana", "ru", "retail", "dvolkovs", "riga", "no_marketing", "F", 44, ("Татьяна", "Иванов", "Пётр"), "lv",
      employer="SIA Daugavas Dizains", links=(("ru_andrei", "household", "spouse"),)),
    S("ru_sergei", "ru", "private", "dvolkovs", "jurmala", "idle_cash", "M", 55, ("Сергей", "Смирнов", "Владимир"),
      "lv_new", "growth", "co_torg", (("co_torg", "owner", "owner, 70 %"),), external="LT"),
    S("ru_anna", "ru", "premium", "dvolkovs", "riga", "vulnerable deposit_maturing inheritance no_marketing", "F", 79,
      ("Анна", "Козлов", "Михаил"), "lv", "conservative"),
    S("ru_dmitri", "ru", "premium", "dvolkovs", "moscow", "kyc_overdue", "M", 38, ("Дмитрий", "Соколов", "Александр"),
      "ru_inn", "balanced", "*", external="RU"),
    S("ru_ekaterina", "ru", "retail", "dvolkovs", "riga", "new_job move", "F", 31, ("Екатерина", "Морозов", "Сергей"),
      "ru_snils", employer="SIA Ziemeļu Programmatūra"),
    S("ru_mikhail", "ru", "private", "ikalnina", "jurmala", "pep kyc_due retiring deposit", "M", 62,
      ("Михаил", "Павлов", "Иван"), "ru_passport", "conservative", "AS Baltijas Jūras Līnijas"),
    S("ru_svetlana", "ru", "premium", "dvolkovs", "riga", "fix_later", "F", 50, ("Светлана", "Новиков", "Александр"),
      "ru_inn", "balanced", "AS Vidzemes Enerģija"),
    S("co_torg", "ru", "corporate", "mozols", "riga", "credit_review", company="SIA Dzintara Tirdzniecības Nams",
      contacts=(("ru_sergei", "Chairman of the board", "sergejs.smirnovs"),
                ("Наталья Орлова", "Chief accountant", "natalja.orlova")), trade=("CN", "trade_import")),
    S("no_owner", "no", "private", "ihansen", "baerum", "idle_cash company_sale", "M", 58, id_scheme="no",
      risk="growth", employer="co_fjordfisk", links=(("co_fjordfisk", "owner", "founder, 60 %"),)),
    S("no_spouse", "no", "premium", "ihansen", "baerum", "deposit_maturing", "F", 55, id_scheme="no", risk="balanced",
      employer="*", links=(("no_owner", "household", "spouse"),)),
    S("no_young", "no", "retail", "ihansen", "oslo", "new_job no_marketing", "M", 26, id_scheme="no", employer="*"),
    S("no_complaint", "no", "premium", "ihansen", "oslo", "complaint_open fix_ending", "F", 41, id_scheme="no",
      risk="balanced", employer="*"),
    S("no_retiree", "no", "private", "ihansen", "bergen", "retiring deposit_maturing kyc_due", "M", 66, id_scheme="no",
      risk="conservative", employer="*"),
    S("no_family", "no", "premium", "ihansen", "oslo", "birth fix_later", "F", 34, id_scheme="no", risk="balanced",
      employer="*"),
    S("no_retail1", "no", "retail", "ihansen", "oslo", "consumer_loan kyc_due", "F", 45, id_scheme="no", employer="*"),
    S("no_retail2", "no", "retail", "jchen", "oslo", "car_loan", "M", 37, id_scheme="no", employer="*"),
    S("no_director", "no", "premium", "ihansen", "bergen", "", "M", 50, id_scheme="no", risk="balanced",
      employer="co_maritim", links=(("co_maritim", "director", "managing director"),)),
    S("no_inherit", "no", "private", "ihansen", "oslo", "inheritance idle_cash no_profiling", "F", 61, id_scheme="no",
      risk="balanced", external="SE"),
    S("co_fjordfisk", "no", "corporate", "ljohansen", "alesund", "", company="Fjordfisk Eksport AS",
      contacts=(("no_owner", "Chief executive officer", ""), ("", "Chief financial officer", "")),
      trade=("CN", "trade_export")),
    S("co_maritim", "no", "corporate", "ljohansen", "bergen", "kyc_due credit_review",
      company="Vestland Maritim Service AS",
      contacts=(("no_director", "Managing director", ""), ("", "Operations manager", "")),
      trade=("GB", "trade_guarantee")),
    S("en_james", "en", "premium", "eclarke", "oslo", "fix_ending", "M", 39, id_scheme="no", risk="growth",
      employer="*"),
    S("en_sarah", "en", "private", "ikalnina", "riga", "deposit_maturing no_profiling", "F", 51, id_scheme="lv_new",
      risk="balanced", employer="*"),
    S("en_retail", "en", "retail", "eclarke", "oslo", "new_job move", "F", 27, id_scheme="no_d", employer="*"),
    S("en_ceo", "en", "premium", "eclarke", "oslo", "", "M", 48, id_scheme="no", risk="growth", employer="co_arctic",
      links=(("co_arctic", "director", "chief executive"),)),
    S("en_retiree", "en", "private", "eclarke", "london", "retiring kyc_due no_marketing", "M", 67, id_scheme="other",
      risk="conservative", employer="*", external="GB"),
    S("en_young", "en", "retail", "ikalnina", "riga", "", "F", 24, id_scheme="lv_new", employer="*"),
    S("en_premium2", "en", "premium", "eclarke", "oslo", "idle_cash", "M", 44, id_scheme="no", risk="balanced",
      employer="*", external="GB"),
    S("co_arctic", "en", "corporate", "ljohansen", "oslo", "", company="Arctic Drone Systems AS",
      contacts=(("en_ceo", "Chief executive officer", ""), ("", "Chief financial officer", "")),
      trade=("US", "trade_export")),
    S("zh_wang", "zh", "private", "jchen", "oslo", "idle_cash", "M", 46, ("王", "伟"), "cn", "growth", "co_dragon",
      (("co_dragon", "owner", "owner, 100 %"),)),
    S("zh_li", "zh", "premium", "jchen", "oslo", "deposit_maturing", "F", 43, ("李", "娜"), "cn", "balanced", "*",
      (("zh_wang", "household", "spouse"),)),
    S("zh_zhang", "zh", "retail", "lwang", "riga", "new_job no_marketing", "F", 29, ("张", "敏"), "cn",
      employer="SIA Ziemeļu Programmatūra"),
    S("zh_liu", "zh", "private", "lwang", "shanghai", "kyc_due", "M", 58, ("刘", "强"), "cn", "growth", "co_sino",
      (("co_sino", "owner", "owner, 80 %"),), external="CN"),
    S("zh_chen", "zh", "premium", "lwang", "riga", "birth fix_ending", "F", 36, ("陈", "芳"), "cn", "balanced",
      "SIA Daugavas Dizains"),
    S("co_dragon", "zh", "corporate", "jchen", "oslo", "credit_review", company="Dragon Gate Trading AS",
      contacts=(("zh_wang", "Chief executive officer", "wang.wei"), ("", "Accountant", "")),
      trade=("CN", "trade_import")),
    S("co_sino", "zh", "corporate", "lwang", "riga", "", company="SIA Sino-Baltic Logistics",
      contacts=(("zh_liu", "Chairman of the board", "liu.qiang"), ("Elīna Kalna", "Chief accountant", "elina.kalna")),
      trade=("DE", "trade_guarantee")),
)

FUNDS = {
    "conservative": (("Nordlys Euro Liquidity Fund", 1), ("Nordlys Short-Term Bond Fund", 2)),
    "balanced": (("Nordlys Baltic-Nordic Bond Fund", 3), ("Nordlys Balanced Fund", 4)),
    "growth": (("Nordlys Global Equity Fund", 5), ("Nordlys Nordic Equity Fund", 6),
               ("Nordlys Emerging Markets Equity Fund", 6)),
}
PENSIONS = {"conservative": "Nordlys Pension Conservative", "balanced": "Nordlys Pension Balanced",
            "growth": "Nordlys Pension Active"}
SUITABILITY = {  # question -> answer per risk level
    "objective": {"conservative": "preserve capital", "balanced": "moderate growth with some income",
                  "growth": "long-term capital growth"},
    "horizon": {"conservative": "1-3 years", "balanced": "3-7 years", "growth": "more than 7 years"},
    "loss_capacity": {"conservative": "a fall of up to 5 %", "balanced": "a fall of up to 15 %",
                      "growth": "a fall of up to 30 %"},
    "experience": {"conservative": "deposits and savings accounts", "balanced": "investment funds for some years",
                   "growth": "funds and listed shares for over 10 years"},
}
EXTERNAL_BANKS = {  # country -> bank, purpose
    "DE": ("Hanse Privatbank", "estate account of the late mother"), "GB": ("Albion Bank", "UK pension payouts"),
    "SE": ("Nordsjö Sparbank", "estate settlement"), "LT": ("Baltic Crown Bank", "business payments in Lithuania"),
    "RU": ("Банк «Северная звезда»", "salary account"), "CN": ("上海浦江银行", "dividends"),
}
CARD_BINS = {"Visa Debit": "427319", "Classic Mastercard": "521344", "Gold Mastercard": "537318",
             "Platinum Mastercard": "546872"}
LV_EMPLOYERS = ("SIA Daugavas Dizains", "SIA Ziemeļu Programmatūra", "AS Vidzemes Enerģija", "SIA Rīgas Auto Serviss",
                "AS Baltijas Jūras Līnijas")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
CURRENCY_WORDS = {"ru": {"EUR": "евро", "NOK": "норв. крон"}, "zh": {"EUR": "欧元", "NOK": "挪威克朗"}}


def day(offset: int) -> dt.date:
    """The reference date moved by a number of days."""
    return REFERENCE_DATE + dt.timedelta(days=offset)


def fmt_date(when: dt.date, language: str) -> str:
    """A date as an advisor writes it in that language (no locale: the output must not depend on the machine)."""
    if language == "en":
        return f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    if language == "zh":
        return f"{when.year}年{when.month}月{when.day}日"
    return f"{when:%d.%m.%Y}"


def fmt_amount(value: Decimal, currency: str, language: str) -> str:
    """An amount as an advisor writes it in that language."""
    n = int(value)
    if language == "en":
        return f"{currency} {n:,}"
    if language == "zh":
        return f"{n:,}{CURRENCY_WORDS['zh'][currency]}"
    grouped = f"{n:,}".replace(",", " ")
    if language == "ru":
        return f"{grouped} {CURRENCY_WORDS['ru'][currency]}"
    if language == "no" and currency == "NOK":
        return f"{grouped} kr"
    return f"{grouped} {currency}"


def snils_check(body: str) -> str:
    """СНИЛС check digits by the Pension Fund's rule: weights 9..1, then modulo 101, with 100 and 101 as 00."""
    total = sum(int(d) * w for d, w in zip(body, range(9, 0, -1), strict=True))
    if total > 101:
        total %= 101
    return "00" if total in (100, 101) else f"{total:02d}"


class _Draw:
    """The seeded sources, consumed in a fixed order: one random stream and one faker per locale."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.fakers = {lang: Faker(locale) for lang, locale in
                       (("lv", "lv_LV"), ("no", "no_NO"), ("ru", "ru_RU"), ("zh", "zh_CN"), ("en", "en_GB"))}
        for offset, faker in enumerate(self.fakers.values()):
            faker.seed_instance(SEED + offset)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def money(self, low: float, high: float, scale: int = 1, step: int = 100) -> Decimal:
        """A round amount between low and high (in EUR), times the currency's scale."""
        value = self.rng.uniform(low, high) * scale
        return Decimal(int(value // step * step)).quantize(Decimal("0.01"))

    def pick(self, options: Iterable[str]) -> str:
        return self.rng.choice(list(options))

    # ---- identity numbers, valid by construction and checked with python-stdnum ----------------------------
    def national_id(self, scheme: str, born: dt.date, male: bool) -> NationalId:
        if scheme in ("lv", "lv_new"):
            return NationalId(scheme="lv_personas_kods", value=self.lv_code(None if scheme == "lv_new" else born))
        if scheme in ("no", "no_d"):
            return NationalId(scheme="no_fodselsnummer", value=self.fnr(born, male, d_number=scheme == "no_d"))
        if scheme == "ru_inn":
            body = self.pick(("77", "78", "50")) + self.digits(8)
            return NationalId(scheme="ru_inn", value=body + inn.calc_personal_check_digits(body))
        if scheme == "ru_snils":
            while int(body := self.digits(9)) <= 1001998:  # numbers up to 001-001-998 carry no check digits
                pass
            number = body + snils_check(body)
            return NationalId(scheme="ru_snils", value=f"{number[:3]}-{number[3:6]}-{number[6:9]} {number[9:]}")
        if scheme == "ru_passport":
            series = f"{self.pick(('45', '46', '40'))}{self.between(5, 22):02d}"
            return NationalId(scheme="ru_passport", value=f"{series} {self.between(100000, 999999)}")
        if scheme == "cn":
            return NationalId(scheme="cn_resident_id", value=self.ric(born, male))
        return NationalId(scheme="other", value=f"JT{self.digits(6)}C")  # a UK National Insurance number

    def lv_code(self, born: dt.date | None) -> str:
        """Personas kods: DDMMYY-CNNNX, or since 2017 32NNNN-NNNNX; X by the weights 1,6,3,7,9,10,5,8,4,2."""
        while True:
            body = "32" + self.digits(8) if born is None else f"{born:%d%m%y}{born.year // 100 - 18}{self.digits(3)}"
            check = (1101 - sum(w * int(d) for w, d in zip((1, 6, 3, 7, 9, 10, 5, 8, 4, 2), body, strict=True))) % 11
            if check < 10:  # codes whose check would be 10 are never issued
                code = f"{body[:6]}-{body[6:]}{check}"
                assert pvn.is_valid(code), code
                return code

    def fnr(self, born: dt.date, male: bool, *, d_number: bool = False) -> str:
        """Fødselsnummer (or D-number, day + 40); the individual number is odd for men."""
        low, high = (0, 500) if born.year < 2000 else (500, 1000)
        while True:
            individual = self.between(low, high - 1)
            if individual % 2 != male:
                continue
            body = f"{born.day + (40 if d_number else 0):02d}{born:%m}{born.year % 100:02d}{individual:03d}"
            k1 = fodselsnummer.calc_check_digit1(body)
            k2 = fodselsnummer.calc_check_digit2(body + k1)
            if len(k1 + k2) == 2:  # a remainder of 10 has no check digit: not issued
                assert fodselsnummer.is_valid(body + k1 + k2)
                return body + k1 + k2

    def ric(self, born: dt.date, male: bool) -> str:
        """Resident identity card number; the order code is odd for men."""
        while True:  # the area code must have existed in the year of birth: Shenzhen's Nanshan only since 1983
            area, order = self.pick(("110105", "310104", "330106", "440305")), self.between(0, 999)
            if order % 2 == male:
                body = f"{area}{born:%Y%m%d}{order:03d}"
                number = body + ric.calc_check_digit(body + "0")
                if ric.is_valid(number):
                    return number

    def registration_number(self, country: str) -> str:
        """A company register number: Latvian (11 digits) or Norwegian organisasjonsnummer (9 digits)."""
        valid, body = (pvn.is_valid, lambda: "4010" + self.digits(6)) if country == "LV" else (
            orgnr.is_valid, lambda: "9" + self.digits(7))
        while True:
            stem = body()
            for check in string.digits:
                if valid(stem + check):
                    return stem + check

    def iban(self, country: str) -> str:
        bban = {
            "LV": lambda: "NLYS" + self.digits(13), "NO": self.kontonr, "DE": lambda: self.digits(18),
            "GB": lambda: "ALBN" + self.digits(14), "SE": lambda: self.digits(20), "LT": lambda: self.digits(16),
        }[country]()
        number = country + stdnum_iban.calc_check_digits(country + "00" + bban) + bban
        assert stdnum_iban.is_valid(number), number
        return number

    def kontonr(self) -> str:
        while True:
            stem = "4312" + self.digits(6)
            for check in string.digits:
                if kontonr.is_valid(stem + check):
                    return stem + check

    def card(self, name: str) -> str:
        body = CARD_BINS[name] + self.digits(9)
        return body + luhn.calc_check_digit(body)

    def expiry(self) -> str:
        return f"{self.between(2027, 2030)}-{self.between(1, 12):02d}"

    def phone(self, country: str) -> str:
        while True:
            prefix = self.pick(MOBILE_PREFIXES[country])
            number = prefix + self.digits({"LV": 7, "NO": 7, "RU": 7, "CN": 8, "GB": 6}[country])
            if phonenumbers.is_valid_number(phonenumbers.parse(number)):
                return number

    def address(self, home: str) -> Address:
        country, city, postcodes, streets = PLACES[home]
        street, n = self.pick(streets), self.between(1, 120)
        text = {
            "LV": f"{street} {n}" + (f"-{self.between(1, 40)}" if self.rng.random() < 0.7 else ""),
            "NO": f"{street} {n}",
            "RU": f"{street}, д. {n}, кв. {self.between(1, 200)}",
            "CN": f"{street}{n}号{self.between(1, 30)}0{self.between(1, 9)}室",
            "GB": f"{n} {street}",
        }[country]
        return Address(street=text, city=city, postcode=self.pick(postcodes), country=country)


MAIL = str.maketrans({**{chr(k): v for k, v in ICAO.items()}, "å": "a", "æ": "ae", "ø": "o", " ": "", "-": "",
                      "'": ""})
CENT = Decimal("0.01")


def years_after(when: dt.date, years: int) -> dt.date:
    """The same day some years later (or earlier); 29 February becomes the 28th."""
    try:
        return when.replace(year=when.year + years)
    except ValueError:
        return when.replace(year=when.year + years, day=28)


def mail_name(*parts: str) -> str:
    """An e-mail local part from Latin-script name parts."""
    return ".".join(part.lower().translate(MAIL) for part in parts)


class _Bank:
    """Builds the profiles of SCENARIOS: people first, so that companies can name them as contacts."""

    def __init__(self) -> None:
        self.draw = _Draw()
        self.ids = {s.key: f"C{1001 + i}" for i, s in enumerate(SCENARIOS)}
        self.teams = {a.advisor_id: a.team for a in ADVISORS}
        self.companies = {s.key: s.company for s in SCENARIOS if s.company}
        self.built: dict[str, ClientProfile] = {}

    def build(self) -> list[ClientProfile]:
        for scenario in SCENARIOS:
            if not scenario.company:
                self.built[scenario.key] = self.person(scenario)
        for scenario in SCENARIOS:
            if scenario.company:
                self.built[scenario.key] = self.company(scenario)
        return [self.built[s.key] for s in SCENARIOS]

    # ---- people --------------------------------------------------------------------------------------------
    def names(self, s: Scenario) -> tuple[str, str, str | None, list[NameForm], tuple[str, str]]:
        """Given name, family name, patronymic, the other forms of the name, and its Latin spelling."""
        male = s.sex == "M"
        if s.language == "lv":
            given, family = s.names
            forms = [NameForm(language="lv", case=case, given_name=LV_NAMES[given][i], family_name=LV_NAMES[family][i])
                     for i, case in enumerate(LV_CASES)]
            latin = (given.translate(ICAO), family.translate(ICAO))
            forms.append(NameForm(language="en", given_name=latin[0], family_name=latin[1]))
            return given, family, None, forms, latin
        if s.language == "ru":
            return self.russian_names(s)
        if s.language == "zh":
            family, given = s.names
            latin = (ZH_PINYIN[given], ZH_PINYIN[family])
            return given, family, None, [NameForm(language="en", given_name=latin[0], family_name=latin[1])], latin
        faker = self.draw.fakers[s.language]
        given = faker.first_name_male() if male else faker.first_name_female()
        household = [self.built[k] for k, rel, _ in s.links if rel == "household" and k in self.built]
        family = household[0].family_name if household and household[0].family_name else faker.last_name()
        forms = []
        if s.language == "no":  # the Norwegian genitive is written onto the name: "Nilsens konto"
            forms.append(NameForm(language="no", case="genitive", given_name=given,
                                  family_name=family + ("'" if family[-1] in "sxz" else "s")))
        latin = (given.translate(ICAO), family.translate(ICAO))
        if latin != (given, family):
            forms.append(NameForm(language="en", given_name=latin[0], family_name=latin[1]))
        return given, family, None, forms, latin

    def russian_names(self, s: Scenario) -> tuple[str, str, str | None, list[NameForm], tuple[str, str]]:
        """Russian cases, the passport spelling, and the Latvian spelling with its cases (Иванов / Ivanovs)."""
        given, family_m, father = s.names
        male = s.sex == "M"
        g = RU_GIVEN[given]
        patronymic = RU_PATRONYMIC[father][0 if male else 1]
        if male:
            family = family_m
            family_cases = [family_m + end for end in ("а", "у", "а", "ым", "е")]
            patronymic_cases = [patronymic + end for end in ("а", "у", "а", "ем", "е")]
        else:
            family = family_m + "а"
            family_cases = [family_m + end for end in ("ой", "ой", "у", "ой", "ой")]
            patronymic_cases = [patronymic[:-1] + end for end in ("ы", "е", "у", "ой", "е")]
        forms = [NameForm(language="ru", case=case, given_name=g[i], family_name=family_cases[i],
                          patronymic=patronymic_cases[i]) for i, case in enumerate(RU_CASES)]
        passport, latvian = RU_FAMILY[family_m]
        latin = (g[5], passport if male else passport + "a")
        forms.append(NameForm(language="en", given_name=latin[0], family_name=latin[1],
                              patronymic=RU_PATRONYMIC[father][2 if male else 3]))
        lv_given, lv_family = g[6], latvian if male else latvian[:-1] + "a"
        forms.append(NameForm(language="lv", given_name=lv_given, family_name=lv_family))
        for i, case in enumerate(LV_CASES):
            forms.append(NameForm(language="lv", case=case, given_name=_lv_case(lv_given, i),
                                  family_name=_lv_case(lv_family, i)))
        return given, family, patronymic, forms, latin

    def employer(self, s: Scenario) -> str | None:
        if not s.employer:
            return None
        if s.employer == "*":  # a company where the client lives
            country = PLACES[s.home][0]
            if country == "LV":
                return self.draw.pick(LV_EMPLOYERS)
            return str(self.draw.fakers[{"NO": "no", "GB": "en", "RU": "ru", "CN": "zh"}[country]].company())
        return self.companies.get(s.employer, s.employer)

    def person(self, s: Scenario) -> ClientProfile:
        d, f, cid = self.draw, set(s.features.split()), self.ids[s.key]
        male, team = s.sex == "M", self.teams[s.rm]
        currency, scale, bank_country = ("NOK", 11, "NO") if team == "oslo" else ("EUR", 1, "LV")
        given, family, patronymic, forms, latin = self.names(s)
        born = s.born or REFERENCE_DATE - dt.timedelta(days=int(s.age * 365.25) + d.between(20, 340))
        minor = years_after(born, 18) > REFERENCE_DATE
        home_country = PLACES[s.home][0]
        address = d.address(s.home)
        domain = d.pick(MAIL_DOMAINS[s.language])
        # Chinese addresses put the family name first and often the year of birth: wangwei78@163.com
        local = {"ru": mail_name(*latin), "zh": mail_name(latin[1] + latin[0]) + f"{born:%y}"}.get(
            s.language, mail_name(given, family))
        employer = self.employer(s)
        spending = Decimal(150 if minor else d.between(*{"retail": (700, 2000), "premium": (2500, 5000),
                                                          "private": (4500, 11000)}[s.segment]) * scale)
        if "move" in f or s.id_scheme in ("no_d", "ru_snils"):  # newcomers to the country
            since = day(-d.between(200, 500))
        else:
            since = max(day(-d.between(1500, 6000)), years_after(born, 3 if minor else 18))
        products = self.products(s, f, cid, currency, scale, bank_country, spending, minor, since)
        rating = ("high" if "pep" in f else "medium"
                  if home_country not in ("LV", "NO") or any(r in ("owner", "director") for _, r, _ in s.links)
                  else "low")
        kyc = self.kyc(f, rating)
        history = self.history(s, f, cid, products, currency, scale, born, given, forms, employer, address, kyc)
        risk = None
        answers: list[SuitabilityAnswer] = []
        if s.risk:
            assessed = day(-d.between(60, 800))
            risk = RiskProfile(level=s.risk, assessed_on=assessed)
            answers = [SuitabilityAnswer(question=q, answer=a[s.risk], answered_on=assessed)
                       for q, a in SUITABILITY.items()]
            answers.append(SuitabilityAnswer(question="sustainability", answered_on=assessed, answer=d.pick(
                ("no preference", "prefers funds with sustainability features"))))
        return ClientProfile(
            client_id=cid, synthetic=True, kind="person", segment=s.segment, preferred_language=s.language,
            relationship_manager=s.rm, team=team, currency=currency, given_name=given, family_name=family,
            patronymic=patronymic, name_forms=tuple(forms), date_of_birth=born,
            national_id=d.national_id(s.id_scheme, born, male), employer=employer,
            income_band="under_20k" if minor else d.pick({"retail": ("under_20k", "20k_50k"),
                                                         "premium": ("50k_100k", "100k_250k"),
                                                         "private": ("100k_250k", "over_250k")}[s.segment]),
            phones=(d.phone(home_country),), emails=(f"{local}@{domain}",), address=address,
            products=tuple(products), external_accounts=self.external(s), monthly_spending=spending.quantize(CENT),
            risk_profile=risk, suitability_answers=tuple(answers), consents=self.consents(f),
            vulnerable="vulnerable" in f, kyc=kyc,
            links=tuple(Link(client_id=self.ids[k], relation=r, detail=detail) for k, r, detail in s.links),
            notes=history.notes, goals=history.goals, life_events=history.events,
            open_requests=history.requests, complaints=history.complaints,
        )

    def products(self, s: Scenario, f: set[str], cid: str, currency: str, scale: int, country: str,
                 spending: Decimal, minor: bool, since: dt.date) -> list[Product]:
        d, seg = self.draw, s.segment
        out: list[Product] = []

        def common() -> dict[str, object]:
            opened = since + dt.timedelta(days=d.between(0, (REFERENCE_DATE - since).days - 30))
            return {"product_id": f"{cid}-P{len(out) + 1:02d}", "currency": currency, "opened": opened}

        low, high = {"retail": (300, 4000), "premium": (2000, 12000), "private": (8000, 30000)}[seg]
        balance = d.money(low, high, scale, 10)
        if "idle_cash" in f:  # far above what the client spends: the idle-balance signal
            balance = max(spending * d.between(18, 30), d.money(45000, 140000, scale, 1000)).quantize(CENT)
        out.append(CurrentAccount(**common(), name="Youth account" if minor else "Current account",
                                  iban=d.iban(country), balance=balance))
        out.append(Card(**common(), name="Visa Debit", card_type="debit", number=d.card("Visa Debit"),
                        expiry=d.expiry()))
        credit = {"premium": ("Gold Mastercard", 5000), "private": ("Platinum Mastercard", 15000)}.get(seg)
        if credit is None and not minor and d.rng.random() < 0.4:
            credit = ("Classic Mastercard", 1500)
        if credit:
            out.append(Card(**common(), name=credit[0], card_type="credit", number=d.card(credit[0]),
                            expiry=d.expiry(), credit_limit=Decimal(credit[1] * scale).quantize(CENT)))
        if seg != "retail" or (not minor and d.rng.random() < 0.5):
            low, high = {"retail": (1000, 8000), "premium": (15000, 60000), "private": (80000, 300000)}[seg]
            out.append(SavingsAccount(**common(), name="Savings account", iban=d.iban(country),
                                      balance=d.money(low, high, scale), rate=Decimal("1.500")))
        if f & {"fix_ending", "fix_later"}:
            low, high = {"retail": (50000, 120000), "premium": (90000, 250000), "private": (200000, 500000)}[seg]
            out.append(Mortgage(
                **common(), name="Home loan", outstanding=d.money(low, high, scale, 1000),
                rate=Decimal(d.pick(("3.700", "3.750", "3.950", "4.100"))),
                fixed_rate_end=day(d.between(12, 85)) if "fix_ending" in f else day(d.between(500, 1500)),
                maturity=day(365 * d.between(10, 25))))
        for feature, purpose, name, (low, high), rate in (
            ("consumer_loan", "consumer", "Consumer loan", (2000, 12000), "9.900"),
            ("car_loan", "car", "Car loan", (8000, 25000), "6.900"),
        ):
            if feature in f:
                out.append(Loan(**common(), name=name, purpose=purpose, outstanding=d.money(low, high, scale),
                                rate=Decimal(rate), maturity=day(365 * d.between(1, 5))))
        if f & {"deposit_maturing", "deposit"}:
            term = 12 if "deposit_maturing" in f else 24
            maturity = day(d.between(4, 28)) if term == 12 else day(d.between(200, 600))
            low, high = {"retail": (5000, 20000), "premium": (30000, 80000), "private": (150000, 400000)}[seg]
            fields = common() | {"opened": years_after(maturity, -term // 12)}
            out.append(Deposit(**fields, name=f"Term deposit {term} months", amount=d.money(low, high, scale, 1000),
                               rate=Decimal("2.400" if term == 12 else "2.500"), term_months=term, maturity=maturity,
                               auto_renew=d.rng.random() < 0.5))
        if s.risk and seg in ("premium", "private"):
            funds = FUNDS[s.risk][: 1 if seg == "premium" else d.between(2, 3)]
            low, high = (10000, 60000) if seg == "premium" else (100000, 500000)
            for fund, sri in funds:
                out.append(Investment(**common(), name=fund, value=d.money(low, high, scale), risk_class=sri))
            contribution = Decimal(d.between(1, 5) * 100 * scale).quantize(CENT)
            out.append(Pension(**common(), name=PENSIONS[s.risk], value=d.money(20000, 200000, scale),
                               monthly_contribution=contribution if s.age < 65 else None))
        return out

    def history(self, s: Scenario, f: set[str], cid: str, products: list[Product], currency: str, scale: int,
                born: dt.date, given: str, forms: list[NameForm], employer: str | None, address: Address,
                kyc: Kyc) -> _History:
        """Notes, life events, goals, open requests and complaints that tell each scenario's story."""
        d, h = self.draw, _History(s, cid)
        h.note("review", day(-d.between(150, 400)))
        mortgage = next((p for p in products if isinstance(p, Mortgage)), None)
        deposit = next((p for p in products if isinstance(p, Deposit)), None)
        account = next(p for p in products if isinstance(p, CurrentAccount))
        if "fix_ending" in f and mortgage and mortgage.fixed_rate_end:
            h.note("mortgage_fix", day(-d.between(3, 25)), date=mortgage.fixed_rate_end)
            h.request("Offer for a new fixed-rate period on the home loan",
                      max(mortgage.fixed_rate_end - dt.timedelta(days=30), day(7)))
        if "deposit_maturing" in f and deposit:
            h.note("deposit", day(-d.between(2, 20)), amount=(deposit.amount, currency), date=deposit.maturity)
        if "idle_cash" in f:
            about = (account.balance / 1000).quantize(Decimal(1)) * 1000
            h.note("idle", day(-d.between(10, 45)), amount=(about, currency))
        if f & {"kyc_due", "kyc_overdue"}:
            h.note("kyc", min(day(-d.between(5, 30)), kyc.next_review - dt.timedelta(days=20)), date=kyc.next_review)
            h.request("Submit KYC documents: proof of address and source of funds", kyc.next_review)
        if "no_marketing" in f:
            h.note("no_marketing", day(-d.between(200, 600)))
        if "pep" in f:
            h.note("pep", day(-d.between(300, 340)))
        if "retiring" in f:
            when = day(d.between(40, 120))
            h.event("retirement", when)
            h.note("retirement", day(-d.between(5, 40)), date=when)
            h.goal("A steady monthly income in retirement", when)
        if "birth" in f:
            when = day(-d.between(20, 90))
            h.event("birth", when)
            h.note("birth", when + dt.timedelta(days=7), date=when)
            h.goal("Save for the child's education", years_after(when, 18), Decimal(30000 * scale))
        if "marriage" in f:
            when = day(-d.between(40, 120))
            h.event("marriage", when)
            h.note("marriage", when + dt.timedelta(days=10), date=when)
            h.goal("Buy a first home together", day(700), Decimal(250000 * scale))
        if "new_job" in f:
            when = day(-d.between(20, 70))
            h.event("new_job", when, employer)
            h.note("new_job", when + dt.timedelta(days=3), date=when, employer=employer or "")
        if "inheritance" in f:
            when, amount = day(-d.between(30, 90)), d.money(80000, 250000, scale, 1000)
            h.event("inheritance", when)
            if "vulnerable" not in f:
                h.note("inheritance", when + dt.timedelta(days=10), amount=(amount, currency), date=when)
        if "move" in f:
            when = day(-d.between(15, 60))
            h.event("move", when)
            h.note("move", when + dt.timedelta(days=2), date=when, street=address.street, city=address.city)
        if "company_sale" in f:
            company = next(self.companies[k] for k, r, _ in s.links if r == "owner")
            when = day(d.between(150, 240))
            h.event("company_sale", when, company)
            h.note("company_sale", day(-d.between(10, 40)), company=company, date=when)
            h.goal("Invest the proceeds of the company sale", when)
        if "coming_of_age" in f:
            when = years_after(born, 18)
            dative = next(n.given_name for n in forms if n.language == s.language and n.case == "dative")
            h.event("coming_of_age", when)
            h.note("coming_of_age", day(-d.between(5, 20)), date=when, given=given, given_dative=dative)
            h.request("Convert the youth account to a current account at 18", when)
        if "vulnerable" in f:
            h.event("bereavement", day(-d.between(60, 100)))
            h.note("vulnerable", day(-d.between(3, 15)))
        if "complaint_open" in f:
            opened = day(-d.between(8, 15))
            h.complaint("International payment fee charged twice", opened, "open", None)
            h.note("complaint", opened, date=opened + dt.timedelta(days=15))
        if "complaint_resolved" in f:
            opened = day(-d.between(180, 260))
            h.complaint("Card blocked abroad without notice", opened, "resolved", opened + dt.timedelta(days=12))
            h.note("complaint_resolved", opened + dt.timedelta(days=12))
        if not h.goals:
            h.goal(*{"retail": ("Build an emergency fund of three months' spending", None),
                     "premium": ("Grow long-term savings", None),
                     "private": ("Preserve and grow the family's wealth", None)}[s.segment])
        return h

    def external(self, s: Scenario) -> tuple[ExternalAccount, ...]:
        if not s.external:
            return ()
        bank, purpose = EXTERNAL_BANKS[s.external]
        d = self.draw
        if s.external in ("RU", "CN"):  # no IBANs there: a Russian 20-digit account, a Chinese card-style account
            number = "40817810" + d.digits(12) if s.external == "RU" else "6222" + d.digits(15)
            return (ExternalAccount(bank=bank, country=s.external, account_number=number, purpose=purpose),)
        return (ExternalAccount(bank=bank, country=s.external, iban=d.iban(s.external), purpose=purpose),)

    def consents(self, f: set[str]) -> Consents:
        return Consents(marketing=not f & {"no_marketing", "vulnerable"}, profiling="no_profiling" not in f,
                        updated_on=day(-self.draw.between(30, 900)))

    def kyc(self, f: set[str], rating: str) -> Kyc:
        d = self.draw
        cycle = {"low": 3, "medium": 2, "high": 1}[rating]
        if "kyc_due" in f:  # within the 60 days before the review date: the KYC signal
            due = day(d.between(10, 55))
        elif "kyc_overdue" in f:
            due = day(-d.between(8, 30))
        else:
            due = day(d.between(75, 365 * cycle - 30))
        return Kyc(risk_rating=rating, next_review=due, last_review=years_after(due, -cycle), pep="pep" in f)

    # ---- companies -----------------------------------------------------------------------------------------
    def company(self, s: Scenario) -> ClientProfile:
        d, f, cid, team = self.draw, set(s.features.split()), self.ids[s.key], self.teams[s.rm]
        currency, scale = ("NOK", 11) if team == "oslo" else ("EUR", 1)
        country = PLACES[s.home][0]
        domain = mail_name(s.company.replace("SIA ", "").replace(" AS", "")).replace(".", "") + ".example"
        contacts = []
        for who, role, latin in s.contacts:
            person = self.built.get(who)
            if person:
                name, phone = person.display_name, person.phones[0]
                latin = latin or mail_name(person.given_name or "", person.family_name or "")
            else:
                faker = self.draw.fakers["en" if s.language == "en" else "no"]
                name, phone = who or f"{faker.first_name()} {faker.last_name()}", d.phone(country)
                latin = latin or mail_name(*name.split(" ", 1))
            contacts.append(Contact(name=name, role=role, phone=phone, email=f"{latin}@{domain}",
                                    client_id=self.ids[who] if person else None))
        products, limit, review = self.facilities(s, f, cid, currency, scale, country, day(-d.between(1500, 6000)))
        h = _History(s, cid)
        h.note("corp_review", day(-d.between(150, 400)))
        cc, template = s.trade
        requested = next(p for p in products if isinstance(p, TradeFinance) and p.status == "requested")
        applied = day(-d.between(5, 30))
        h.note(template, applied, amount=(requested.amount, currency), country=COUNTRY_IN[cc][s.language])
        h.request(f"Trade finance application: {requested.instrument.replace('_', ' ')}, counterparty in {cc}",
                  day(d.between(20, 40)))
        # A commitment made after the application (the hand-over must carry it); no new draw, so the rest of the
        # generated bank stays as it was.
        h.note("corp_commitment", applied + dt.timedelta(days=1))
        h.goal({"trade_import": "Secure supply from a new supplier in {}", "trade_export": "Grow export sales to {}",
                "trade_guarantee": "Win the new contract in {}"}[template].format(COUNTRY_IN[cc]["en"]))
        if "credit_review" in f:
            h.note("credit_review", day(-d.between(5, 30)), amount=(limit, currency), date=review)
            h.request("Annual credit review: management accounts and order book", review)
        kyc = self.kyc(f, "medium")
        if "kyc_due" in f:
            h.note("kyc_company", day(-d.between(5, 30)), date=kyc.next_review)
            h.request("KYC documents: registry extract and beneficial owner declaration", kyc.next_review)
        return ClientProfile(
            client_id=cid, synthetic=True, kind="company", segment=s.segment, preferred_language=s.language,
            relationship_manager=s.rm, team=team, currency=currency, company_name=s.company,
            registration_number=d.registration_number(country), contacts=tuple(contacts),
            annual_turnover=d.money(2500000, 40000000, scale, 100000), phones=(d.phone(country),),
            emails=(f"info@{domain}",), address=d.address(s.home), products=tuple(products),
            monthly_spending=d.money(120000, 900000, scale, 1000), consents=self.consents(f), kyc=kyc,
            notes=h.notes, goals=h.goals, life_events=h.events, open_requests=h.requests, complaints=h.complaints,
        )

    def facilities(self, s: Scenario, f: set[str], cid: str, currency: str, scale: int, country: str,
                   since: dt.date) -> tuple[list[Product], Decimal, dt.date]:
        """A company's accounts, credit line and trade finance: one facility in place, one the client asked for."""
        d = self.draw
        out: list[Product] = []

        def common() -> dict[str, object]:
            opened = since + dt.timedelta(days=d.between(0, (REFERENCE_DATE - since).days - 30))
            return {"product_id": f"{cid}-P{len(out) + 1:02d}", "currency": currency, "opened": opened}

        out.append(CurrentAccount(**common(), name="Business account", iban=d.iban(country),
                                  balance=d.money(150000, 1500000, scale, 1000)))
        limit = d.money(400000, 3000000, scale, 50000)
        review = day(d.between(15, 55)) if "credit_review" in f else day(d.between(120, 330))
        used = (limit * Decimal(d.between(20, 70)) / 100).quantize(CENT)
        out.append(CreditLine(**common(), name="Credit line", limit=limit, used=used, rate=Decimal("4.750"),
                              review_date=review, maturity=years_after(review, 1)))
        if d.rng.random() < 0.5:
            out.append(Loan(**common(), name="Investment loan", purpose="business",
                            outstanding=d.money(200000, 1500000, scale, 10000), rate=Decimal("5.250"),
                            fixed_rate_end=day(d.between(300, 900)), maturity=day(365 * d.between(3, 7))))
        cc, template = s.trade
        in_place, asked = {"trade_import": ("letter_of_credit", "letter_of_credit"),
                           "trade_export": ("documentary_collection", "letter_of_credit"),
                           "trade_guarantee": ("guarantee", "guarantee")}[template]
        out.append(TradeFinance(**common() | {"opened": day(-d.between(30, 200))},
                                name=in_place.replace("_", " ").capitalize(), instrument=in_place,
                                amount=d.money(80000, 400000, scale, 10000), status="active",
                                counterparty_country=cc, expiry=day(d.between(40, 200))))
        out.append(TradeFinance(**common() | {"opened": None}, name=asked.replace("_", " ").capitalize(),
                                instrument=asked, amount=d.money(150000, 800000, scale, 10000), status="requested",
                                counterparty_country=cc))
        return out, limit, review


def _lv_case(name: str, index: int) -> str:
    """Genitive, dative or accusative of a Latvian-spelt name in -s (1st declension) or -a (4th)."""
    stem = name[:-1]
    return stem + (("a", "am", "u") if name.endswith("s") else ("as", "ai", "u"))[index]


class _History:
    """A client's record as it builds up: notes in the client's language, signed by the relationship manager."""

    def __init__(self, scenario: Scenario, client_id: str) -> None:
        self._scenario, self._number = scenario, client_id[1:]
        self._notes: list[Note] = []
        self._events: list[LifeEvent] = []
        self._goals: list[Goal] = []
        self._requests: list[OpenRequest] = []
        self._complaints: list[Complaint] = []

    def note(self, topic: str, on: dt.date, **values: object) -> None:
        language = self._scenario.language
        fields = {k: fmt_date(v, language) if isinstance(v, dt.date) else
                  fmt_amount(v[0], v[1], language) if isinstance(v, tuple) else v for k, v in values.items()}
        on = min(on, REFERENCE_DATE)  # nothing is written in the future
        self._notes.append(Note(on=on, author=self._scenario.rm, text=NOTES[topic][language].format(**fields)))

    def event(self, kind: LifeEventKind, on: dt.date, note: str | None = None) -> None:
        self._events.append(LifeEvent(kind=kind, on=on, note=note))

    def goal(self, description: str, target: dt.date | None = None, amount: Decimal | None = None) -> None:
        self._goals.append(Goal(description=description, target_date=target,
                                amount=None if amount is None else amount.quantize(CENT)))

    def request(self, summary: str, due: dt.date) -> None:
        # Requests come out of a conversation: the note just written.
        self._requests.append(OpenRequest(request_id=f"R{self._number}-{len(self._requests) + 1}",
                                          opened_on=self._notes[-1].on, summary=summary, due=due))

    def complaint(self, summary: str, opened: dt.date, status: str, closed: dt.date | None) -> None:
        self._complaints.append(Complaint(complaint_id=f"K{self._number}-{len(self._complaints) + 1}",
                                          opened_on=opened, summary=summary, status=status, closed_on=closed))

    @property
    def notes(self) -> tuple[Note, ...]:
        return tuple(sorted(self._notes, key=lambda n: n.on))

    @property
    def events(self) -> tuple[LifeEvent, ...]:
        return tuple(sorted(self._events, key=lambda e: e.on))

    @property
    def goals(self) -> tuple[Goal, ...]:
        return tuple(self._goals)

    @property
    def requests(self) -> tuple[OpenRequest, ...]:
        return tuple(self._requests)

    @property
    def complaints(self) -> tuple[Complaint, ...]:
        return tuple(self._complaints)


def build_clients() -> list[ClientProfile]:
    """The sample bank's clients, the same on every run."""
    return _Bank().build()


def render() -> dict[str, str]:
    """The contents of clients.jsonl, advisors.jsonl and teams.jsonl, by file name."""
    def jsonl(records: Iterable[ClientProfile | Advisor | Team]) -> str:
        return "".join(r.model_dump_json(exclude_none=True) + "\n" for r in records)

    return {"clients.jsonl": jsonl(build_clients()), "advisors.jsonl": jsonl(ADVISORS), "teams.jsonl": jsonl(TEAMS)}


def main() -> None:
    """Write the files beside this module."""
    for name, text in render().items():
        (HERE / name).write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
