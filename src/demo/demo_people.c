/* Demo data, part one: the PRNG and the people — names, companies, addresses,
 * phones and e-mails in French, German, Spanish, Japanese and English, each
 * consistent with its country. Pure functions of (seed, index). */
#include <stdio.h>
#include <string.h>

#include "src/accounts.h"
#include "src/customers.h"
#include "src/demo/demo_private.h"

/* ------------------------------------------------------------------ PRNG */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void demo_rng_seed(struct demo_rng *r, uint64_t seed, enum demo_stream stream, uint64_t index)
{
    uint64_t x = seed * 0xd1342543de82ef95ULL + (uint64_t)stream;
    r->state = splitmix64(&x) ^ (index * 0x9e3779b97f4a7c15ULL);
    (void)splitmix64(&r->state);
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    return splitmix64(&r->state);
}

uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
    return demo_rng_next(r) % n; /* the bias is below 1e-12 for our small n */
}

int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)demo_rng_below(r, (uint64_t)(hi - lo + 1));
}

bool demo_rng_chance(struct demo_rng *r, int percent)
{
    return (int)demo_rng_below(r, 100) < percent;
}

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[demo_rng_below((r), (uint64_t)COUNT(a))])

/* ----------------------------------------------------------------- names */

/* A name as written, and its ASCII form for e-mail addresses. */
struct name {
    const char *text;
    const char *ascii;
};

static const struct name fr_first[] = {
    {"Jean", "jean"},       {"Marie", "marie"},   {"Pierre", "pierre"}, {"Camille", "camille"},
    {"Léa", "lea"},         {"Chloé", "chloe"},   {"Hélène", "helene"}, {"François", "francois"},
    {"Amélie", "amelie"},   {"Zoé", "zoe"},       {"Loïc", "loic"},     {"Gaël", "gael"},
    {"Jérôme", "jerome"},   {"Céline", "celine"}, {"Noémie", "noemie"}, {"Benoît", "benoit"},
    {"Thérèse", "therese"}, {"Élodie", "elodie"}, {"Mathéo", "matheo"}, {"Inès", "ines"},
    {"Louis", "louis"},     {"Manon", "manon"},   {"Hugo", "hugo"},     {"Océane", "oceane"},
    {"Raphaël", "raphael"}, {"Anaïs", "anais"},
};
static const struct name fr_last[] = {
    {"Martin", "martin"},   {"Bernard", "bernard"},   {"Dubois", "dubois"},     {"Thomas", "thomas"},
    {"Robert", "robert"},   {"Richard", "richard"},   {"Petit", "petit"},       {"Durand", "durand"},
    {"Leroy", "leroy"},     {"Moreau", "moreau"},     {"Simon", "simon"},       {"Laurent", "laurent"},
    {"Lefèvre", "lefevre"}, {"Michel", "michel"},     {"Fournier", "fournier"}, {"Girard", "girard"},
    {"Bonnet", "bonnet"},   {"Lambert", "lambert"},   {"Rousseau", "rousseau"}, {"Faure", "faure"},
    {"Mercier", "mercier"}, {"Blanc", "blanc"},       {"Guérin", "guerin"},     {"Chevalier", "chevalier"},
    {"Lécuyer", "lecuyer"}, {"Béranger", "beranger"}, {"Dupré", "dupre"},       {"Rivière", "riviere"},
};
static const struct name de_first[] = {
    {"Lukas", "lukas"},           {"Jürgen", "juergen"},    {"Anna", "anna"},    {"Sophie", "sophie"},
    {"Maximilian", "maximilian"}, {"Jörg", "joerg"},        {"Björn", "bjoern"}, {"Käthe", "kaethe"},
    {"Günter", "guenter"},        {"Lena", "lena"},         {"Felix", "felix"},  {"Hannah", "hannah"},
    {"Leonie", "leonie"},         {"Matthias", "matthias"}, {"Uwe", "uwe"},      {"Sören", "soeren"},
    {"Annegret", "annegret"},     {"Tobias", "tobias"},     {"Jonas", "jonas"},  {"Franziska", "franziska"},
};
static const struct name de_last[] = {
    {"Müller", "mueller"},    {"Schmidt", "schmidt"},       {"Schneider", "schneider"},
    {"Fischer", "fischer"},   {"Weber", "weber"},           {"Meyer", "meyer"},
    {"Wagner", "wagner"},     {"Becker", "becker"},         {"Schulz", "schulz"},
    {"Hoffmann", "hoffmann"}, {"Schäfer", "schaefer"},      {"Koch", "koch"},
    {"Bauer", "bauer"},       {"Richter", "richter"},       {"Klein", "klein"},
    {"Wolf", "wolf"},         {"Schröder", "schroeder"},    {"Neumann", "neumann"},
    {"Schwarz", "schwarz"},   {"Zimmermann", "zimmermann"}, {"Braun", "braun"},
    {"Krüger", "krueger"},    {"Hartmann", "hartmann"},     {"Weiß", "weiss"},
    {"Groß", "gross"},        {"Köhler", "koehler"},
};
static const struct name es_first[] = {
    {"José", "jose"},     {"María", "maria"}, {"Carmen", "carmen"}, {"Antonio", "antonio"},
    {"Lucía", "lucia"},   {"Jesús", "jesus"}, {"Sofía", "sofia"},   {"Martín", "martin"},
    {"Álvaro", "alvaro"}, {"Nuria", "nuria"}, {"Inés", "ines"},     {"Pablo", "pablo"},
    {"Ángel", "angel"},   {"Marta", "marta"}, {"Raúl", "raul"},     {"Begoña", "begona"},
    {"Íñigo", "inigo"},   {"Elena", "elena"}, {"Javier", "javier"}, {"Rocío", "rocio"},
};
static const struct name es_last[] = {
    {"García", "garcia"}, {"Fernández", "fernandez"}, {"González", "gonzalez"},   {"Rodríguez", "rodriguez"},
    {"López", "lopez"},   {"Martínez", "martinez"},   {"Sánchez", "sanchez"},     {"Pérez", "perez"},
    {"Gómez", "gomez"},   {"Jiménez", "jimenez"},     {"Ruiz", "ruiz"},           {"Hernández", "hernandez"},
    {"Díaz", "diaz"},     {"Moreno", "moreno"},       {"Muñoz", "munoz"},         {"Álvarez", "alvarez"},
    {"Romero", "romero"}, {"Alonso", "alonso"},       {"Gutiérrez", "gutierrez"}, {"Navarro", "navarro"},
    {"Torres", "torres"}, {"Domínguez", "dominguez"}, {"Vázquez", "vazquez"},     {"Ramos", "ramos"},
    {"Ibáñez", "ibanez"}, {"Peña", "pena"},
};
static const struct name jp_first[] = {
    {"太郎", "taro"},  {"花子", "hanako"}, {"健太", "kenta"},   {"陽菜", "hina"},
    {"翔", "sho"},     {"美咲", "misaki"}, {"大輔", "daisuke"}, {"さくら", "sakura"},
    {"蓮", "ren"},     {"結衣", "yui"},    {"拓也", "takuya"},  {"優子", "yuko"},
    {"直樹", "naoki"}, {"恵", "megumi"},   {"悠斗", "yuto"},    {"彩", "aya"},
};
static const struct name jp_last[] = {
    {"山田", "yamada"},    {"佐藤", "sato"},  {"鈴木", "suzuki"},   {"高橋", "takahashi"},
    {"田中", "tanaka"},    {"伊藤", "ito"},   {"渡辺", "watanabe"}, {"中村", "nakamura"},
    {"小林", "kobayashi"}, {"加藤", "kato"},  {"吉田", "yoshida"},  {"山本", "yamamoto"},
    {"松本", "matsumoto"}, {"井上", "inoue"}, {"木村", "kimura"},   {"林", "hayashi"},
    {"清水", "shimizu"},   {"森", "mori"},    {"池田", "ikeda"},    {"橋本", "hashimoto"},
};
static const struct name en_first[] = {
    {"Oliver", "oliver"},       {"Amelia", "amelia"}, {"George", "george"},   {"Isla", "isla"},
    {"Harry", "harry"},         {"Olivia", "olivia"}, {"Jack", "jack"},       {"Emily", "emily"},
    {"Charlotte", "charlotte"}, {"James", "james"},   {"William", "william"}, {"Sophia", "sophia"},
    {"Noah", "noah"},           {"Ava", "ava"},       {"Liam", "liam"},       {"Mia", "mia"},
    {"Ethan", "ethan"},         {"Grace", "grace"},   {"Daniel", "daniel"},   {"Zoë", "zoe"},
};
static const struct name en_last[] = {
    {"Smith", "smith"},       {"Jones", "jones"},       {"Williams", "williams"}, {"Taylor", "taylor"},
    {"Brown", "brown"},       {"Davies", "davies"},     {"Evans", "evans"},       {"Wilson", "wilson"},
    {"Johnson", "johnson"},   {"Roberts", "roberts"},   {"Walker", "walker"},     {"Wright", "wright"},
    {"Robinson", "robinson"}, {"Thompson", "thompson"}, {"White", "white"},       {"Hughes", "hughes"},
    {"O'Brien", "obrien"},    {"Anderson", "anderson"}, {"Clark", "clark"},       {"Baker", "baker"},
    {"Miller", "miller"},     {"Nelson", "nelson"},
};

struct name_set {
    const struct name *first, *last;
    int nfirst, nlast;
};

#define NAME_SET(f, l)                                                                                       \
    {                                                                                                        \
        f, l, COUNT(f), COUNT(l)                                                                             \
    }
enum { NAMES_FR, NAMES_DE, NAMES_ES, NAMES_JP, NAMES_EN };
static const struct name_set name_sets[] = {
    NAME_SET(fr_first, fr_last), NAME_SET(de_first, de_last), NAME_SET(es_first, es_last),
    NAME_SET(jp_first, jp_last), NAME_SET(en_first, en_last),
};

/* -------------------------------------------------------------- countries */

struct city {
    const char *name;
    int postal_base, postal_spread; /* postcodes near the city's own */
    const char *area;               /* the phone area code (GB: with the fixed part) */
    const char *region;             /* JP: prefecture and ward; US: state; GB: postcode area */
};

static const struct city fr_cities[] = {
    {"Paris", 75001, 19, "1", ""},     {"Lyon", 69001, 8, "4", ""},
    {"Marseille", 13001, 15, "4", ""}, {"Toulouse", 31000, 500, "5", ""},
    {"Bordeaux", 33000, 800, "5", ""}, {"Lille", 59000, 800, "3", ""},
    {"Nantes", 44000, 300, "2", ""},   {"Strasbourg", 67000, 200, "3", ""},
    {"Nice", 6000, 300, "4", ""},      {"Montpellier", 34000, 90, "4", ""},
    {"Dijon", 21000, 100, "3", ""},    {"Rennes", 35000, 700, "2", ""},
};
static const struct city de_cities[] = {
    {"Berlin", 10115, 4000, "30", ""},           {"München", 80331, 1600, "89", ""},
    {"Hamburg", 20095, 2500, "40", ""},          {"Köln", 50667, 1200, "221", ""},
    {"Frankfurt am Main", 60306, 700, "69", ""}, {"Stuttgart", 70173, 450, "711", ""},
    {"Düsseldorf", 40210, 400, "211", ""},       {"Leipzig", 4103, 250, "341", ""},
    {"Nürnberg", 90402, 80, "911", ""},          {"Dresden", 1067, 260, "351", ""},
};
static const struct city es_cities[] = {
    {"Madrid", 28001, 54, "91", ""},    {"Barcelona", 8001, 41, "93", ""},  {"Valencia", 46001, 25, "96", ""},
    {"Sevilla", 41001, 19, "95", ""},   {"Zaragoza", 50001, 20, "976", ""}, {"Málaga", 29001, 17, "95", ""},
    {"Bilbao", 48001, 14, "94", ""},    {"Palma", 7001, 15, "971", ""},     {"Córdoba", 14001, 14, "957", ""},
    {"A Coruña", 15001, 11, "981", ""},
};
static const struct city jp_cities[] = {
    {"東京", 150, 30, "3", "東京都渋谷区"},       {"東京", 160, 9, "3", "東京都新宿区"},
    {"大阪", 530, 9, "6", "大阪府大阪市北区"},    {"京都", 604, 9, "75", "京都府京都市中京区"},
    {"横浜", 220, 9, "45", "神奈川県横浜市西区"}, {"名古屋", 460, 9, "52", "愛知県名古屋市中区"},
    {"札幌", 60, 9, "11", "北海道札幌市中央区"},  {"福岡", 812, 9, "92", "福岡県福岡市博多区"},
};
static const struct city gb_cities[] = {
    {"London", 1, 20, "20 7946 0", "SW"},    {"London", 1, 4, "20 7946 0", "EC"},
    {"Manchester", 1, 40, "161 496 0", "M"}, {"Birmingham", 1, 40, "121 496 0", "B"},
    {"Leeds", 1, 25, "113 496 0", "LS"},     {"Glasgow", 1, 40, "141 496 0", "G"},
    {"Bristol", 1, 40, "117 496 0", "BS"},   {"Edinburgh", 1, 17, "131 496 0", "EH"},
    {"Liverpool", 1, 38, "151 496 0", "L"},
};
static const struct city us_cities[] = {
    {"New York", 10001, 280, "212", "NY"}, {"San Francisco", 94102, 40, "415", "CA"},
    {"Chicago", 60601, 60, "312", "IL"},   {"Austin", 78701, 50, "512", "TX"},
    {"Seattle", 98101, 90, "206", "WA"},   {"Boston", 2108, 90, "617", "MA"},
    {"Denver", 80202, 50, "303", "CO"},    {"Miami", 33125, 60, "305", "FL"},
};

static const char *const fr_streets[] = {
    "rue de la République",     "avenue Jean Jaurès",   "boulevard Voltaire", "rue Victor Hugo",
    "place du Marché",          "rue des Écoles",       "chemin des Vignes",  "allée des Tilleuls",
    "rue du Général-de-Gaulle", "quai de la Tournelle", "rue Saint-Honoré",   "impasse des Lilas",
};
static const char *const de_streets[] = {
    "Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Lindenallee", "Marktplatz",
    "Kirchweg",    "Gartenstraße",  "Mühlenweg",      "Königsallee",  "Am Rathaus",
};
static const char *const es_streets[] = {
    "Calle Mayor",        "Avenida de la Constitución",
    "Calle de Alcalá",    "Paseo de Gracia",
    "Plaza de España",    "Calle Real",
    "Calle San Fernando", "Avenida de Andalucía",
    "Calle del Carmen",   "Ronda de Segovia",
};
static const char *const gb_streets[] = {
    "High Street", "Station Road", "Church Lane",  "Victoria Road", "Park Avenue",
    "King's Road", "Mill Lane",    "Queen Street", "Green Lane",    "Baker Street",
};
static const char *const us_streets[] = {
    "Main Street", "Oak Avenue",        "Maple Drive",    "Broadway",    "Market Street",
    "Elm Street",  "Washington Avenue", "Lakeview Drive", "Pine Street", "Sunset Boulevard",
};

/* How a company of that country is called: a pattern for the name and one
 * for its e-mail domain, each with one %s for a family name. */
struct company_form {
    const char *name;
    const char *domain;
};
static const struct company_form fr_forms[] = {
    {"%s SA", "%s"},
    {"Établissements %s", "ets-%s"},
    {"%s et Fils", "%s-et-fils"},
    {"Maison %s", "maison-%s"},
    {"Société %s", "societe-%s"},
    {"Groupe %s", "groupe-%s"},
    {"%s Distribution SARL", "%s-distribution"},
    {"Brasserie %s", "brasserie-%s"},
    {"Hôtel %s", "hotel-%s"},
};
static const struct company_form de_forms[] = {
    {"%s GmbH", "%s-gmbh"},          {"%s & Söhne KG", "%s-soehne"},   {"%s AG", "%s-ag"},
    {"Bäckerei %s", "baeckerei-%s"}, {"%s Handels GmbH", "%s-handel"}, {"Gasthaus %s", "gasthaus-%s"},
    {"%s Feinkost", "%s-feinkost"},
};
static const struct company_form es_forms[] = {
    {"%s S.L.", "%s"},
    {"Distribuciones %s S.A.", "distribuciones-%s"},
    {"Hermanos %s", "hermanos-%s"},
    {"Comercial %s S.L.", "comercial-%s"},
    {"Restaurante %s", "restaurante-%s"},
    {"Hostelería %s S.L.", "hosteleria-%s"},
};
static const struct company_form jp_forms[] = {
    {"株式会社%s商事", "%s-shoji"}, {"%s工業株式会社", "%s-kogyo"}, {"%s物産株式会社", "%s-bussan"},
    {"有限会社%s", "%s"},           {"%s食品株式会社", "%s-foods"},
};
static const struct company_form gb_forms[] = {
    {"%s Ltd", "%s"},
    {"%s & Sons Ltd", "%s-sons"},
    {"%s Trading plc", "%s-trading"},
    {"The %s Tea Rooms", "%s-tearooms"},
    {"%s Catering Ltd", "%s-catering"},
};
static const struct company_form us_forms[] = {
    {"%s Inc.", "%s"},
    {"%s Supply Co.", "%s-supply"},
    {"%s Foods LLC", "%s-foods"},
    {"%s Hospitality Group", "%s-hospitality"},
    {"%s & Partners", "%s-partners"},
};

/* Contact titles, in the contact's language, by role: buyer, approver, billing, other. */
static const char *const fr_titles[] = {"Responsable des achats", "Directeur général", "Comptable",
                                        "Chef de cuisine"};
static const char *const de_titles[] = {"Einkaufsleiter", "Geschäftsführerin", "Buchhaltung", "Küchenchef"};
static const char *const es_titles[] = {"Jefa de compras", "Director general", "Contable", "Jefe de cocina"};
static const char *const jp_titles[] = {"購買部長", "代表取締役", "経理部", "料理長"};
static const char *const en_titles[] = {"Purchasing Manager", "Managing Director", "Accounts Payable",
                                        "Head Chef"};

static const char *const fr_mail[] = {"orange.example", "free.example", "laposte.example"};
static const char *const de_mail[] = {"gmx.example", "web.example", "t-online.example"};
static const char *const es_mail[] = {"telefonica.example", "correo.example"};
static const char *const jp_mail[] = {"docomo.example", "yahoo.example"};
static const char *const en_mail[] = {"gmail.example", "outlook.example", "icloud.example"};

enum { FR, DE, ES, JP, GB, US };

struct country {
    const char *name;
    int names; /* NAMES_* */
    const struct city *cities;
    int ncities;
    const char *const *streets;
    int nstreets;
    const struct company_form *forms;
    int nforms;
    const char *const *titles;
    const char *const *mail;
    int nmail;
    int account_weight, customer_weight; /* percent */
};

#define LIST(a) a, COUNT(a)
static const struct country countries[] = {
    {"France", NAMES_FR, LIST(fr_cities), LIST(fr_streets), LIST(fr_forms), fr_titles, LIST(fr_mail), 40, 45},
    {"Germany", NAMES_DE, LIST(de_cities), LIST(de_streets), LIST(de_forms), de_titles, LIST(de_mail), 18,
     15},
    {"Spain", NAMES_ES, LIST(es_cities), LIST(es_streets), LIST(es_forms), es_titles, LIST(es_mail), 14, 15},
    {"Japan", NAMES_JP, LIST(jp_cities), NULL, 0, LIST(jp_forms), jp_titles, LIST(jp_mail), 8, 7},
    {"United Kingdom", NAMES_EN, LIST(gb_cities), LIST(gb_streets), LIST(gb_forms), en_titles, LIST(en_mail),
     12, 10},
    {"United States", NAMES_EN, LIST(us_cities), LIST(us_streets), LIST(us_forms), en_titles, LIST(en_mail),
     8, 8},
};

static int pick_country(struct demo_rng *r, bool business)
{
    int roll = (int)demo_rng_below(r, 100);
    for (int i = 0; i < COUNT(countries); i++) {
        roll -= business ? countries[i].account_weight : countries[i].customer_weight;
        if (roll < 0)
            return i;
    }
    return FR;
}

/* -------------------------------------------------------------- people */

struct person {
    char name[128];
    char first_ascii[32];
    char last_ascii[32];
};

static void make_person(struct demo_rng *r, int country, struct person *p)
{
    const struct name_set *ns = &name_sets[countries[country].names];
    const struct name *f = &ns->first[demo_rng_below(r, (uint64_t)ns->nfirst)];
    const struct name *l = &ns->last[demo_rng_below(r, (uint64_t)ns->nlast)];
    if (country == JP) {
        snprintf(p->name, sizeof p->name, "%s %s", l->text, f->text);
    } else if (country == ES && demo_rng_chance(r, 50)) {
        const struct name *l2 = &ns->last[demo_rng_below(r, (uint64_t)ns->nlast)];
        snprintf(p->name, sizeof p->name, "%s %s %s", f->text, l->text, l2->text);
    } else {
        snprintf(p->name, sizeof p->name, "%s %s", f->text, l->text);
    }
    snprintf(p->first_ascii, sizeof p->first_ascii, "%s", f->ascii);
    snprintf(p->last_ascii, sizeof p->last_ascii, "%s", l->ascii);
}

/* ------------------------------------------------------------- addresses */

static void make_postcode(struct demo_rng *r, int country, const struct city *c, char *out, size_t len)
{
    int n = c->postal_base + (int)demo_rng_below(r, (uint64_t)c->postal_spread + 1);
    switch (country) {
    case JP: snprintf(out, len, "〒%03d-%04d", n, (int)demo_rng_below(r, 10000)); break;
    case GB:
        snprintf(out, len, "%s%d %d%c%c", c->region, n, (int)demo_rng_range(r, 1, 9),
                 "ABDEFGHJLNPQRSTUWXYZ"[demo_rng_below(r, 20)],
                 "ABDEFGHJLNPQRSTUWXYZ"[demo_rng_below(r, 20)]);
        break;
    default: snprintf(out, len, "%05d", n); break;
    }
}

/* A street address in the country's own order, and its city. */
static void make_address(struct demo_rng *r, int country, int city, char *out, size_t len)
{
    const struct country *co = &countries[country];
    const struct city *c = &co->cities[city];
    char pc[48];
    make_postcode(r, country, c, pc, sizeof pc);
    int no = (int)demo_rng_range(r, 1, 180);
    const char *street = co->nstreets ? co->streets[demo_rng_below(r, (uint64_t)co->nstreets)] : "";
    switch (country) {
    case FR: snprintf(out, len, "%d %s, %s %s", no, street, pc, c->name); break;
    case DE:
    case ES: snprintf(out, len, "%s %d, %s %s", street, no, pc, c->name); break;
    case JP:
        snprintf(out, len, "%s %s%d-%d-%d", pc, c->region, (int)demo_rng_range(r, 1, 5),
                 (int)demo_rng_range(r, 1, 30), (int)demo_rng_range(r, 1, 20));
        break;
    case GB: snprintf(out, len, "%d %s, %s %s", no, street, c->name, pc); break;
    default: snprintf(out, len, "%d %s, %s, %s %s", no * 10, street, c->name, c->region, pc); break;
    }
}

/* The digits of a phone number from the person's own number: a bijection of
 * [0, m) (multiplying by a number prime to 10 and 2), so that two people
 * never share a phone as long as their numbers differ below m. */
static uint64_t phone_digits(uint64_t unique, uint64_t m)
{
    return (unique % m * 2654435761ULL + 12345) % m;
}

/* A phone number written the way that country writes it: a mobile, or a line
 * in the city's area; unique is the person's own number (every customer,
 * account and contact has its own). */
static void make_phone(struct demo_rng *r, int country, int city, bool mobile, uint64_t unique, char *out,
                       size_t len)
{
    const struct city *c = &countries[country].cities[city];
    int pick = (int)demo_rng_below(r, 100);
    uint64_t d8 = phone_digits(unique, 100000000), d7 = phone_digits(unique, 10000000);
    int p1 = (int)(d8 / 1000000), p2 = (int)(d8 / 10000 % 100), p3 = (int)(d8 / 100 % 100),
        p4 = (int)(d8 % 100);
    switch (country) {
    case FR:
        snprintf(out, len, "+33 %s %02d %02d %02d %02d", mobile ? (pick % 2 ? "6" : "7") : c->area, p1, p2,
                 p3, p4);
        break;
    case DE:
        if (mobile)
            snprintf(out, len, "+49 15%d %04d %04d", pick % 10, (int)(d8 / 10000), (int)(d8 % 10000));
        else
            snprintf(out, len, "+49 %s %07d", c->area, (int)d7);
        break;
    case ES:
        if (mobile)
            snprintf(out, len, "+34 6%02d %03d %03d", p1, (int)(d8 / 1000 % 1000), (int)(d8 % 1000));
        else if (strlen(c->area) == 2)
            snprintf(out, len, "+34 %s %03d %02d %02d", c->area, (int)(d7 / 10000), (int)(d7 / 100 % 100),
                     (int)(d7 % 100));
        else
            snprintf(out, len, "+34 %s %02d %02d %02d", c->area, (int)(phone_digits(unique, 1000000) / 10000),
                     (int)(phone_digits(unique, 1000000) / 100 % 100),
                     (int)(phone_digits(unique, 1000000) % 100));
        break;
    case JP:
        if (mobile)
            snprintf(out, len, "+81 %d0-%04d-%04d", 7 + pick % 3, (int)(d8 / 10000), (int)(d8 % 10000));
        else if (strlen(c->area) == 1)
            snprintf(out, len, "+81 %s-%04d-%04d", c->area, (int)(d8 / 10000), (int)(d8 % 10000));
        else
            snprintf(out, len, "+81 %s-%03d-%04d", c->area, (int)(d7 / 10000), (int)(d7 % 10000));
        break;
    case GB: {
        /* the area without its fixed part: "20 7946 0" → 020 and eight digits */
        char area[8];
        snprintf(area, sizeof area, "%.*s", (int)strcspn(c->area, " "), c->area);
        if (mobile)
            snprintf(out, len, "+44 7%03d %06d", (int)(phone_digits(unique, 1000000000) / 1000000),
                     (int)(phone_digits(unique, 1000000000) % 1000000));
        else if (strlen(area) == 2)
            snprintf(out, len, "+44 %s %04d %04d", area, (int)(d8 / 10000), (int)(d8 % 10000));
        else
            snprintf(out, len, "+44 %s %03d %04d", area, (int)(d7 / 10000), (int)(d7 % 10000));
        break;
    }
    default: {
        uint64_t n = phone_digits(unique, 8000000); /* exchanges 200 to 999 */
        snprintf(out, len, "+1 %s-%03d-%04d", c->area, 200 + (int)(n / 10000), (int)(n % 10000));
        break;
    }
    }
}

/* The own numbers of people, kind by kind, that make_phone turns into phones. */
#define PHONE_CUSTOMER(index) ((uint64_t)(index))
#define PHONE_ACCOUNT(index) (20000000ULL + (uint64_t)(index))
#define PHONE_CONTACT(index, k) (30000000ULL + (uint64_t)(index)*8 + (uint64_t)(k))

static void make_vat(struct demo_rng *r, int country, char *out, size_t len)
{
    long long n = (long long)demo_rng_range(r, 100000000, 999999999);
    switch (country) {
    case FR: snprintf(out, len, "FR%02d%lld", (int)demo_rng_below(r, 100), n); break;
    case DE: snprintf(out, len, "DE%lld", n); break;
    case ES: snprintf(out, len, "ESB%lld", n / 10); break;
    case JP: snprintf(out, len, "T%lld%04d", n, (int)demo_rng_below(r, 10000)); break;
    case GB: snprintf(out, len, "GB%lld", n); break;
    default: out[0] = '\0'; break; /* no VAT in the United States */
    }
}

/* ------------------------------------------------------------ companies */

/* The first accounts are always these, so that a demo shows UTF-8 names and
 * tests can find them. */
static const struct {
    int country;
    const char *name;
    const char *domain;
} showcase[] = {
    {FR, "Société Générale", "societe-generale.example"},
    {DE, "Müller GmbH", "mueller-gmbh.example"},
    {JP, "株式会社山田商事", "yamada-shoji.example"},
    {ES, "Distribuciones García S.A.", "distribuciones-garcia.example"},
    {GB, "O'Brien & Sons Ltd", "obrien-sons.example"},
};

static void make_company_name(struct demo_rng *r, int64_t index, int country, char *name, size_t nlen,
                              char *domain, size_t dlen)
{
    if (index < COUNT(showcase)) {
        snprintf(name, nlen, "%s", showcase[index].name);
        snprintf(domain, dlen, "%s", showcase[index].domain);
        return;
    }
    const struct country *co = &countries[country];
    const struct name_set *ns = &name_sets[co->names];
    const struct name *l = &ns->last[demo_rng_below(r, (uint64_t)ns->nlast)];
    const struct company_form *f = &co->forms[demo_rng_below(r, (uint64_t)co->nforms)];
    char slug[64];
    snprintf(name, nlen, f->name, l->text);
    snprintf(slug, sizeof slug, f->domain, l->ascii);
    snprintf(domain, dlen, "%s.example", slug);
}

static const char *const account_notes[] = {
    "Livraison par l'entrée de service, avant 10 h.",
    "Kunde seit 2009. Lieferung nur werktags.",
    "Prefers delivery on Tuesdays; call the head chef first.",
    "Pedidos grandes en diciembre.",
    "支払いは月末締め翌月末払い。",
    "Asks for a quote before every seasonal order.",
};

void demo_make_account(uint64_t seed, int64_t index, struct account *a, struct demo_company *co)
{
    struct demo_rng r;
    demo_rng_seed(&r, seed, DEMO_STREAM_ACCOUNT, (uint64_t)index);
    memset(a, 0, sizeof *a);
    memset(co, 0, sizeof *co);
    co->country = index < COUNT(showcase) ? showcase[index].country : pick_country(&r, true);
    const struct country *c = &countries[co->country];
    co->city = (int)demo_rng_below(&r, (uint64_t)c->ncities);
    co->ncontacts = (int)demo_rng_range(&r, 1, 4);
    snprintf(a->code, sizeof a->code, "ACC%06lld", (long long)index + 1);
    make_company_name(&r, index, co->country, a->name, sizeof a->name, co->domain, sizeof co->domain);
    make_vat(&r, co->country, a->vat_number, sizeof a->vat_number);
    snprintf(a->email, sizeof a->email, "%s@%s", demo_rng_chance(&r, 50) ? "orders" : "contact", co->domain);
    make_phone(&r, co->country, co->city, false, PHONE_ACCOUNT(index), a->phone, sizeof a->phone);
    make_address(&r, co->country, co->city, a->billing_address, sizeof a->billing_address);
    if (demo_rng_chance(&r, 20))
        make_address(&r, co->country, co->city, a->shipping_address, sizeof a->shipping_address);
    else
        snprintf(a->shipping_address, sizeof a->shipping_address, "%s", a->billing_address);
    snprintf(a->city, sizeof a->city, "%s", c->cities[co->city].name);
    snprintf(a->country, sizeof a->country, "%s", c->name);
    static const int terms[] = {0, 15, 30, 30, 30, 30, 45, 60, 60, 30};
    a->payment_terms_days = PICK(&r, terms);
    a->credit_limit = demo_rng_range(&r, 1, 50) * 500000; /* 5,000 to 250,000 */
    a->open_balance = a->credit_limit / 100 * demo_rng_range(&r, 0, 40);
    static const char *const tiers[] = {"standard", "standard", "standard", "silver", "gold"};
    snprintf(a->tier, sizeof a->tier, "%s", PICK(&r, tiers));
    if (demo_rng_chance(&r, 15))
        snprintf(a->notes, sizeof a->notes, "%s", PICK(&r, account_notes));
}

void demo_make_contact(uint64_t seed, int64_t index, int k, const struct demo_company *co, struct contact *c)
{
    struct demo_rng r;
    struct person p;
    demo_rng_seed(&r, seed, DEMO_STREAM_CONTACT, (uint64_t)index * 8 + (uint64_t)k);
    memset(c, 0, sizeof *c);
    make_person(&r, co->country, &p);
    snprintf(c->name, sizeof c->name, "%s", p.name);
    snprintf(c->role, sizeof c->role, "%s", contact_roles[k % CONTACT_ROLE_COUNT]);
    snprintf(c->title, sizeof c->title, "%s", countries[co->country].titles[k % 4]);
    if (co->country == JP)
        snprintf(c->email, sizeof c->email, "%c.%s@%s", p.first_ascii[0], p.last_ascii, co->domain);
    else
        snprintf(c->email, sizeof c->email, "%s.%s@%s", p.first_ascii, p.last_ascii, co->domain);
    make_phone(&r, co->country, co->city, demo_rng_chance(&r, 40), PHONE_CONTACT(index, k), c->phone,
               sizeof c->phone);
}

/* ------------------------------------------------------------ customers */

static const struct {
    int country;
    const char *name, *first_ascii, *last_ascii;
} showcase_customers[] = {
    {ES, "José García", "jose", "garcia"},
    {FR, "Chloé Lefèvre", "chloe", "lefevre"},
    {JP, "山田 花子", "hanako", "yamada"},
};

/* A consumer's e-mail: always carries the customer's number, so it is unique. */
static void make_customer_email(struct demo_rng *r, int country, const struct person *p, int64_t index,
                                char *out, size_t len)
{
    const struct country *co = &countries[country];
    const char *domain = co->mail[demo_rng_below(r, (uint64_t)co->nmail)];
    long long n = (long long)index + 1;
    switch (demo_rng_below(r, 3)) {
    case 0: snprintf(out, len, "%s.%s.%lld@%s", p->first_ascii, p->last_ascii, n, domain); break;
    case 1: snprintf(out, len, "%c%s%lld@%s", p->first_ascii[0], p->last_ascii, n, domain); break;
    default: snprintf(out, len, "%s_%s%lld@%s", p->last_ascii, p->first_ascii, n, domain); break;
    }
}

void demo_make_customer(uint64_t seed, int64_t index, struct customer *c)
{
    struct demo_rng r;
    struct person p;
    demo_rng_seed(&r, seed, DEMO_STREAM_CUSTOMER, (uint64_t)index);
    memset(c, 0, sizeof *c);
    bool showcase = index < COUNT(showcase_customers);
    int country = showcase ? showcase_customers[index].country : pick_country(&r, false);
    const struct country *co = &countries[country];
    int city = (int)demo_rng_below(&r, (uint64_t)co->ncities);
    make_person(&r, country, &p);
    if (showcase) {
        snprintf(p.name, sizeof p.name, "%s", showcase_customers[index].name);
        snprintf(p.first_ascii, sizeof p.first_ascii, "%s", showcase_customers[index].first_ascii);
        snprintf(p.last_ascii, sizeof p.last_ascii, "%s", showcase_customers[index].last_ascii);
    }
    snprintf(c->name, sizeof c->name, "%s", p.name);
    make_customer_email(&r, country, &p, index, c->email, sizeof c->email);
    make_phone(&r, country, city, demo_rng_chance(&r, 85), PHONE_CUSTOMER(index), c->phone, sizeof c->phone);
    make_address(&r, country, city, c->address, sizeof c->address);
    snprintf(c->city, sizeof c->city, "%s", co->cities[city].name);
    snprintf(c->country, sizeof c->country, "%s", co->name);
    /* Most consumers have a few points; a few loyal ones have many. */
    int roll = (int)demo_rng_below(&r, 100);
    int64_t points = roll < 65   ? demo_rng_range(&r, 0, 499)
                     : roll < 92 ? demo_rng_range(&r, 500, 1999)
                                 : demo_rng_range(&r, 2000, 9000);
    c->loyalty_points = points;
    snprintf(c->loyalty_tier, sizeof c->loyalty_tier, "%s",
             points >= 2000  ? "gold"
             : points >= 500 ? "silver"
                             : "bronze");
}
