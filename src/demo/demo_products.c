/* Demo data, part two: the catalogue — twelve categories of what a French
 * wholesaler of food and kitchen supplies sells, with prices, costs, stock,
 * pack sizes and tax classes. Pure functions of (seed, index). */
#include <stdio.h>
#include <string.h>

#include "src/demo/demo_private.h"
#include "src/products.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A base article and its list price (minor units, excluding tax) in its first variant. */
struct article {
    const char *name;
    int64_t price;
};

/* A variant and its price in percent of the base. An empty suffix is the base itself. */
struct variant {
    const char *suffix;
    int percent;
};

struct category {
    const char *name;
    const char *sku_prefix;
    const char *unit;
    const char *tax_class;
    int pack_sizes[3]; /* B2B packs; the minimum order is one or two packs */
    int stock_max;
    const struct article *articles;
    int narticles;
    const struct variant *variants;
    int nvariants;
};

static const struct article coffee[] = {
    {"Café en grains Arabica", 1490},
    {"Café moulu Espresso", 690},
    {"Thé vert Sencha 煎茶", 890},
    {"Earl Grey", 650},
    {"Rooibos vanille", 590},
    {"Matcha 抹茶 de cérémonie", 2490},
    {"Capsules Lungo x10", 390},
    {"Kaffee Hamburger Röstung", 1190},
    {"Chai latte", 790},
    {"Café de Colombia", 1290},
};
static const struct variant coffee_v[] = {{"250 g", 100}, {"500 g", 190}, {"1 kg", 360}, {"bio 250 g", 130}};

static const struct article grocery[] = {
    {"Huile d'olive vierge extra", 1290}, {"Vinaigre balsamique de Modène", 890}, {"Moutarde de Dijon", 290},
    {"Fleur de sel de Guérande", 590},    {"Confiture d'abricots", 490},          {"Miel de lavande", 890},
    {"Aceite de oliva Picual", 990},      {"Jamón ibérico tranché", 1890},        {"Sauce soja 醤油", 450},
    {"Pesto alla genovese", 390},         {"Foie gras de canard", 2990},          {"Piment d'Espelette", 790},
};
static const struct variant grocery_v[] = {{"", 100}, {"lot de 2", 190}, {"coffret", 250}, {"bio", 125}};

static const struct article pastry[] = {
    {"Crème brûlée", 350},         {"Tarte Tatin", 1590},          {"Macarons assortis", 1290},
    {"Apfelstrudel", 990},         {"Churros con chocolate", 590}, {"どら焼き Dorayaki", 490},
    {"Shortbread au beurre", 450}, {"Baumkuchen", 1490},           {"Éclair au chocolat", 320},
    {"Mille-feuille", 380},        {"Tarta de Santiago", 1290},    {"Canelés bordelais", 890},
};
static const struct variant pastry_v[] = {{"", 100}, {"x6", 540}, {"x12", 1020}, {"format familial", 380}};

static const struct article cheese[] = {
    {"Comté 18 mois", 2890}, {"Roquefort AOP", 2490},   {"Camembert de Normandie", 1190},
    {"Brie de Meaux", 1990}, {"Manchego curado", 2290}, {"Emmentaler", 1690},
    {"Gruyère", 2390},       {"Reblochon", 1790},       {"Parmigiano Reggiano", 2690},
    {"Tête de Moine", 2990}, {"Cheddar affiné", 1890},  {"Bleu d'Auvergne", 1590},
};
static const struct variant cheese_v[] = {
    {"200 g", 25}, {"500 g", 55}, {"1 kg", 100}, {"meule entière", 900}};

static const struct article wine[] = {
    {"Champagne brut", 2990},     {"Bordeaux Saint-Émilion", 1890}, {"Rioja Reserva", 1490},
    {"Riesling Spätlese", 1290},  {"Chablis premier cru", 2490},    {"Cava brut nature", 990},
    {"Saké Junmai 純米酒", 2290}, {"Whisky japonais 12 ans", 6990}, {"Cognac VSOP", 4490},
    {"Porto Tawny", 1990},        {"Gin London Dry", 2890},         {"Crémant d'Alsace", 1190},
};
static const struct variant wine_v[] = {
    {"75 cl", 100}, {"magnum 150 cl", 220}, {"carton de 6", 570}, {"coffret cadeau", 140}};

static const struct article cookware[] = {
    {"Couteau de chef 20 cm", 6990},
    {"Sauteuse en fonte", 8990},
    {"Poêle antiadhésive 28 cm", 3990},
    {"Cocotte en fonte 24 cm", 15990},
    {"Fouet inox", 1290},
    {"Planche à découper en hêtre", 2990},
    {"Mandoline", 4490},
    {"Santoku 三徳包丁", 8990},
    {"Casserole en cuivre", 12990},
    {"Moule à tarte", 1690},
    {"Rouleau à pâtisserie", 1490},
    {"Thermomètre de cuisson", 2490},
};
static const struct variant cookware_v[] = {{"", 100}, {"Pro", 145}, {"Premium", 190}, {"lot de 2", 185}};

static const struct article tableware[] = {
    {"Assiette plate porcelaine", 890}, {"Verre à vin cristal", 1290},
    {"Tasse à espresso", 690},          {"Carafe", 2490},
    {"Ménagère inox 24 pièces", 8990},  {"Nappe en lin", 5990},
    {"Bol Chawan 茶碗", 1890},          {"Saladier", 2290},
    {"Plateau de service", 3490},       {"Théière en fonte 鉄瓶", 6990},
    {"Flûte à champagne", 1190},        {"Serviettes en coton", 1590},
};
static const struct variant tableware_v[] = {{"", 100}, {"x6", 560}, {"x12", 1050}, {"noir", 110}};

static const struct article appliance[] = {
    {"Machine à espresso", 34990},
    {"Bouilloire électrique", 4990},
    {"Grille-pain 2 fentes", 3990},
    {"Mixeur plongeant", 5990},
    {"Robot pâtissier", 29990},
    {"Moulin à café électrique", 4490},
    {"Cuiseur à riz 炊飯器", 12990},
    {"Friteuse sans huile", 9990},
    {"Balance de cuisine", 2490},
    {"Extracteur de jus", 17990},
    {"Gaufrier", 5490},
    {"Yaourtière", 3490},
};
static const struct variant appliance_v[] = {{"", 100}, {"inox", 120}, {"noir mat", 115}, {"Pro", 160}};

static const struct article stationery[] = {
    {"Cahier A5 ligné", 390},
    {"Stylo plume", 2490},
    {"Carnet de notes relié", 1290},
    {"Enveloppes C5", 690},
    {"Ramette papier A4 80 g", 590},
    {"Surligneurs", 490},
    {"Classeur à levier", 390},
    {"Notes adhésives", 290},
    {"Étiquettes d'expédition", 1490},
    {"Ruban adhésif", 190},
    {"Bloc-notes", 250},
    {"Carte cadeau", 2500},
};
static const struct variant stationery_v[] = {{"", 100}, {"x10", 900}, {"x50", 4200}, {"boîte", 500}};

static const struct article furniture[] = {
    {"Chaise ergonomique", 24990},    {"Bureau assis-debout", 49990},
    {"Caisson 3 tiroirs", 17990},     {"Lampe de bureau LED", 5990},
    {"Étagère métallique", 8990},     {"Table de réunion", 69990},
    {"Fauteuil de direction", 39990}, {"Repose-pieds", 3990},
    {"Tableau blanc", 9990},          {"Vestiaire", 21990},
    {"Armoire à rideaux", 32990},     {"Panneau acoustique", 11990},
};
static const struct variant furniture_v[] = {{"", 100}, {"noir", 100}, {"blanc", 100}, {"chêne", 125}};

static const struct article cleaning[] = {
    {"Liquide vaisselle écologique", 390},
    {"Savon de Marseille", 290},
    {"Nettoyant multi-surfaces", 450},
    {"Lavettes microfibre", 690},
    {"Sacs poubelle 50 L", 590},
    {"Gel hydroalcoolique", 490},
    {"Essuie-tout", 390},
    {"Papier toilette", 590},
    {"Éponges", 250},
    {"Gants nitrile", 990},
    {"Détartrant", 490},
    {"Lessive liquide", 1190},
};
static const struct variant cleaning_v[] = {{"", 100}, {"5 L", 380}, {"x10", 850}, {"carton", 2200}};

static const struct article packaging[] = {
    {"Carton simple cannelure", 90},
    {"Papier bulle", 1290},
    {"Boîte pâtissière", 60},
    {"Sac kraft", 25},
    {"Film étirable", 1490},
    {"Ruban de papier gommé", 890},
    {"Étui à bouteille", 120},
    {"Calage papier", 990},
    {"Barquette alimentaire", 15},
    {"Gobelet carton", 8},
    {"Pochette zip", 5},
    {"Boîte à bento 弁当箱", 290},
};
static const struct variant packaging_v[] = {{"x25", 2400}, {"x100", 9000}, {"x500", 42000}, {"", 100}};

#define ARTICLES(a, v) a, COUNT(a), v, COUNT(v)
static const struct category categories[] = {
    {"Café & thé", "CAF", "bag", "reduced", {6, 12, 24}, 3000, ARTICLES(coffee, coffee_v)},
    {"Épicerie fine", "EPI", "each", "reduced", {6, 12, 12}, 2000, ARTICLES(grocery, grocery_v)},
    {"Pâtisserie", "PAT", "each", "reduced", {6, 12, 24}, 800, ARTICLES(pastry, pastry_v)},
    {"Fromages", "FRO", "each", "reduced", {1, 4, 6}, 600, ARTICLES(cheese, cheese_v)},
    {"Vins & spiritueux", "VIN", "bottle", "standard", {6, 6, 12}, 1500, ARTICLES(wine, wine_v)},
    {"Ustensiles de cuisine", "UST", "each", "standard", {1, 2, 6}, 400, ARTICLES(cookware, cookware_v)},
    {"Arts de la table", "TAB", "each", "standard", {6, 12, 24}, 1200, ARTICLES(tableware, tableware_v)},
    {"Petit électroménager", "ELE", "each", "standard", {1, 1, 2}, 250, ARTICLES(appliance, appliance_v)},
    {"Papeterie", "PAP", "pack", "standard", {5, 10, 20}, 5000, ARTICLES(stationery, stationery_v)},
    {"Mobilier de bureau", "MOB", "each", "standard", {1, 1, 2}, 120, ARTICLES(furniture, furniture_v)},
    {"Entretien & hygiène", "ENT", "each", "standard", {6, 12, 24}, 4000, ARTICLES(cleaning, cleaning_v)},
    {"Emballages", "EMB", "pack", "standard", {10, 20, 50}, 6000, ARTICLES(packaging, packaging_v)},
};

/* Product lines that tell apart the products of a large catalogue once every
 * article and variant has been used. */
static const char *const lines[] = {
    "Tradition", "Sélection", "Atelier",  "Origine", "Bistrot", "Grand Cru", "Kyoto",
    "Hanse",     "Sevilla",   "Heritage", "Maison",  "Terroir", "Nordic",    "Riviera",
};

int demo_category_count(void)
{
    return COUNT(categories);
}

/* A shop price: rounded to ten cents, ending in .90 or .50 above ten. */
static int64_t shop_price(int64_t raw)
{
    if (raw < 100)
        return raw < 1 ? 1 : raw;
    int64_t p = (raw + 5) / 10 * 10;
    if (p >= 1000)
        p = p / 100 * 100 + (p % 100 >= 50 ? 90 : 50);
    return p;
}

static void make_product_name(const struct category *c, int64_t j, char *out, size_t len)
{
    int64_t per_line = (int64_t)c->narticles * c->nvariants;
    const struct article *a = &c->articles[j % c->narticles];
    const struct variant *v = &c->variants[(j / c->narticles) % c->nvariants];
    int64_t line = j / per_line;
    char base[160];
    if (v->suffix[0])
        snprintf(base, sizeof base, "%s %s", a->name, v->suffix);
    else
        snprintf(base, sizeof base, "%s", a->name);
    if (line == 0)
        snprintf(out, len, "%s", base);
    else if (line <= COUNT(lines))
        snprintf(out, len, "%s — %s", base, lines[line - 1]);
    else
        snprintf(out, len, "%s — %s %lld", base, lines[(line - 1) % COUNT(lines)],
                 (long long)((line - 1) / COUNT(lines) + 1));
}

void demo_make_product(uint64_t seed, int64_t index, struct product *p)
{
    struct demo_rng r;
    demo_rng_seed(&r, seed, DEMO_STREAM_PRODUCT, (uint64_t)index);
    memset(p, 0, sizeof *p);
    const struct category *c = &categories[index % COUNT(categories)];
    int64_t j = index / COUNT(categories);
    const struct article *a = &c->articles[j % c->narticles];
    const struct variant *v = &c->variants[(j / c->narticles) % c->nvariants];
    snprintf(p->sku, sizeof p->sku, "%s-%05lld", c->sku_prefix, (long long)j + 1);
    make_product_name(c, j, p->name, sizeof p->name);
    snprintf(p->category, sizeof p->category, "%s", c->name);
    snprintf(p->unit, sizeof p->unit, "%s", c->unit);
    /* Each line prices a little differently: from 90 % to 130 % of the base. */
    int64_t raw = a->price * v->percent / 100 * demo_rng_range(&r, 90, 130) / 100;
    p->list_price = shop_price(raw);
    p->unit_cost = p->list_price * demo_rng_range(&r, 40, 72) / 100;
    snprintf(p->tax_class, sizeof p->tax_class, "%s", c->tax_class);
    if (strcmp(a->name, "Carte cadeau") == 0) {
        /* A gift card is a voucher: no VAT when sold, and it keeps its face value. */
        snprintf(p->tax_class, sizeof p->tax_class, "zero");
        p->list_price = a->price * v->percent / 100;
        p->unit_cost = p->list_price;
    }
    p->stock_on_hand = demo_rng_chance(&r, 5) ? 0 : demo_rng_range(&r, 5, c->stock_max);
    p->pack_size = c->pack_sizes[demo_rng_below(&r, 3)];
    p->min_order_qty = p->pack_size * (demo_rng_chance(&r, 70) ? 1 : 2);
    p->active = !demo_rng_chance(&r, 3);
}
