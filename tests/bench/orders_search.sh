#!/bin/sh
# Support search at scale: builds (once) a database of 1,000,000 customers,
# 50,000 accounts with contacts, 100,000 products and 1,000,000 orders with
# about 2,000,000 lines, by raw SQL, then times `comptoir order find` for what
# callers say: a number, a partial e-mail, a phone typed another way, a
# company, a Japanese name, a SKU, and a second page.
#   BENCH_DB=path    where the database is kept (default: $TMPDIR/comptoir-bench-orders.db)
#   BENCH_REBUILD=1  build it again
set -u
: "${COMPTOIR:?set COMPTOIR to the binary}"
ROOT=${COMPTOIR_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DB=${BENCH_DB:-${TMPDIR:-/tmp}/comptoir-bench-orders.db}
N=${BENCH_ORDERS:-1000000}
now_ms() { date +%s%3N; }

build_db() {
    rm -f "$DB" "$DB-wal" "$DB-shm"
    t0=$(now_ms)
    # The schema is the program's own: `comptoir init` creates it and makes us admin.
    "$COMPTOIR" --db "$DB" init >/dev/null 2>&1 || true
    if [ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 0 ]; then
        # no working `check` yet: apply the migration files directly
        for f in "$ROOT"/db/migrations/*.sql; do sqlite3 "$DB" < "$f"; done
        sqlite3 "$DB" "PRAGMA user_version = $(ls "$ROOT"/db/migrations/*.sql | tail -1 | xargs basename | sed 's/_.*//; s/^0*//')"
    fi
    me=$(id -un)
    sqlite3 "$DB" >/dev/null <<SQL
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000;
INSERT OR IGNORE INTO users(login, full_name, role, created_at) VALUES ('$me', 'bench', 'admin', '2024-01-01T00:00:00Z');
CREATE TEMP TABLE firsts(id INTEGER PRIMARY KEY, name TEXT);
CREATE TEMP TABLE lasts(id INTEGER PRIMARY KEY, name TEXT);
CREATE TEMP TABLE jlasts(id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO jlasts(id, name) VALUES (0,'山田'),(1,'佐藤'),(2,'鈴木'),(3,'高橋'),(4,'田中'),(5,'伊藤');
INSERT INTO firsts(id, name) VALUES (0,'Jean'),(1,'Marie'),(2,'Lukas'),(3,'Sofía'),(4,'太郎'),(5,'Emma'),
 (6,'Noah'),(7,'Chloé'),(8,'José'),(9,'花子'),(10,'Oliver'),(11,'Léa'),(12,'Hans'),(13,'Lucía'),(14,'健'),
 (15,'Amelia'),(16,'Hugo'),(17,'Greta'),(18,'Mateo'),(19,'さくら');
INSERT INTO lasts(id, name) VALUES (0,'Dupont'),(1,'Müller'),(2,'García'),(3,'山田'),(4,'Smith'),
 (5,'Lefèvre'),(6,'Schmidt'),(7,'Fernández'),(8,'佐藤'),(9,'Jones'),(10,'Moreau'),(11,'Schneider'),
 (12,'López'),(13,'鈴木'),(14,'Taylor'),(15,'Girard'),(16,'Fischer'),(17,'Martínez'),(18,'高橋'),
 (19,'Brown'),(20,'Rousseau'),(21,'Weber'),(22,'Sánchez'),(23,'田中'),(24,'Wilson'),(25,'Bonnet'),
 (26,'Wagner'),(27,'Romero'),(28,'伊藤'),(29,'Evans'),(30,'Fontaine'),(31,'Becker');
-- 1,000,000 customers; e-mails unique by number; phones in several formats.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO customers(id, name, email, phone, city, country, created_at, updated_at)
SELECT i,
  CASE WHEN i % 5 = 4 -- Japanese names: family name first, no space
    THEN (SELECT name FROM jlasts WHERE id = (i / 20) % 6) || (SELECT name FROM firsts WHERE id = i % 20)
    ELSE (SELECT name FROM firsts WHERE id = i % 20) || ' ' || (SELECT name FROM lasts WHERE id = (i / 20) % 32) END,
  'c' || i || '.' || (SELECT lower(name) FROM lasts WHERE id = (i / 20) % 32) || '@' ||
    CASE i % 4 WHEN 0 THEN 'example.fr' WHEN 1 THEN 'mail.example' WHEN 2 THEN 'post.example.de' ELSE 'correo.example.es' END,
  CASE i % 3
    WHEN 0 THEN printf('+33 6 %02d %02d %02d %02d', i / 1000000 % 100, i / 10000 % 100, i / 100 % 100, i % 100)
    WHEN 1 THEN printf('06 %02d %02d %02d %02d', i / 1000000 % 100, i / 10000 % 100, i / 100 % 100, i % 100)
    ELSE printf('06-%02d-%02d-%02d-%02d', i / 1000000 % 100, i / 10000 % 100, i / 100 % 100, i % 100) END,
  'City ' || (i % 500), 'FR', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM n;
-- 50,000 accounts, two contacts each.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO accounts(id, code, name, email, phone, created_at, updated_at)
SELECT i, printf('A%06d', i),
  CASE i % 5 WHEN 0 THEN 'Société ' WHEN 1 THEN 'Müller ' WHEN 2 THEN '株式会社' WHEN 3 THEN 'Compañía ' ELSE 'Acme ' END ||
    (SELECT name FROM lasts WHERE id = i % 32) || ' ' || i,
  'achats' || i || '@firm' || (i % 100) || '.example',
  printf('+33 1 %02d %02d %02d %02d', 40 + i / 1000000 % 10, i / 10000 % 100, i / 100 % 100, i % 100),
  '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO contacts(account_id, name, email, phone, created_at, updated_at)
SELECT (i + 1) / 2, (SELECT name FROM firsts WHERE id = i % 20) || ' Kontakt' || i, 'k' || i || '@buyer.example',
  printf('+49 30 %07d', i), 'x', 'x'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO products(id, sku, name, list_price, created_at, updated_at)
SELECT i, printf('SKU-%06d', i), 'Product ' || i, 100 + i % 5000, 'x', 'x' FROM n;
-- $N orders over about two years, 90 % b2c; 1 to 3 lines each.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO orders(id, number, channel, account_id, customer_id, status, placed_at, subtotal, tax_total, total, created_by)
SELECT i, printf('O-%06d', i), CASE WHEN i % 10 = 0 THEN 'b2b' ELSE 'b2c' END,
  CASE WHEN i % 10 = 0 THEN (i / 10 * 7919) % 50000 + 1 END,
  CASE WHEN i % 10 <> 0 THEN (i * 104729) % 1000000 + 1 END,
  CASE WHEN i < $N - 5000 THEN 'closed' ELSE 'placed' END,
  strftime('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i * 60 + (i * 37) % 50, 'unixepoch'), 0, 0, 0, 1
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N),
k(j) AS (VALUES (1), (2), (3))
INSERT INTO order_lines(order_id, line_no, product_id, sku, description, quantity, unit_price, tax_rate_bp, net_amount, tax_amount)
SELECT i, j, p, printf('SKU-%06d', p), 'Product ' || p, q, 1999, 2000, q * 1999, (q * 1999 * 2000 + 5000) / 10000
FROM (SELECT i, j, ((i * 31 + j * 7717) * 2654435761) % 100000 + 1 AS p, 1 + (i + j) % 4 AS q FROM n, k WHERE j <= 1 + i % 3);
UPDATE orders SET subtotal = (SELECT sum(net_amount) FROM order_lines WHERE order_id = orders.id),
  tax_total = (SELECT sum(tax_amount) FROM order_lines WHERE order_id = orders.id),
  total = (SELECT sum(net_amount) + sum(tax_amount) FROM order_lines WHERE order_id = orders.id);
INSERT INTO order_status_history(order_id, from_status, to_status, at, user_id)
SELECT id, NULL, 'placed', placed_at, 1 FROM orders;
ANALYZE;
SQL
    # Written around comptoir: its search indexes and sort keys are built again.
    "$COMPTOIR" --db "$DB" check --repair >/dev/null
    echo "built $DB in $(( ($(now_ms) - t0) / 1000 )) s ($(du -m "$DB" | cut -f1) MB)"
}

if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -s "$DB" ] ||
   [ "$(sqlite3 "$DB" 'SELECT count(*) FROM orders' 2>/dev/null)" != "$N" ]; then
    build_db
elif [ "$(sqlite3 "$DB" 'PRAGMA user_version')" -lt "$(ls "$ROOT"/db/migrations/*.sql | tail -1 | xargs basename | sed 's/_.*//; s/^0*//')" ]; then
    "$COMPTOIR" --db "$DB" init >/dev/null 2>&1 # an older schema: brought up to date once
fi

# time_find LABEL TEXT [ARGS]: the best of three runs, in milliseconds.
time_find() {
    label=$1; shift
    best=999999
    for _ in 1 2 3; do
        t0=$(now_ms)
        "$COMPTOIR" --db "$DB" order find "$@" >/tmp/comptoir-bench-out.$$ 2>&1
        t=$(( $(now_ms) - t0 ))
        [ "$t" -lt "$best" ] && best=$t
    done
    rows=$(grep -c '^O-' /tmp/comptoir-bench-out.$$)
    printf '%-34s %6d ms  %3d rows\n' "$label" "$best" "$rows"
}

echo "order find on $(sqlite3 "$DB" 'SELECT count(*) FROM orders') orders, $(sqlite3 "$DB" 'SELECT count(*) FROM customers') customers (best of 3, whole process):"
email=$(sqlite3 "$DB" 'SELECT email FROM customers WHERE id = 123457')
time_find "number O-456789"               O-456789
time_find "number said as 456789"         456789
time_find "partial e-mail 'c123457.'"     c123457.
time_find "full e-mail"                   "$email"
time_find "phone '06 00 12 34 56' (+33 6 …)" "06 00 12 34 56"
time_find "phone '+33600123457' (06 …)"   +33600123457
time_find "company 'Société Dupont 160'"  "Société Dupont 160"
time_find "account code A004242"          A004242
time_find "contact name 'Kontakt77'"      Kontakt77
time_find "Japanese 2 chars '山田'"       山田
time_find "Japanese full name '鈴木花子'" 鈴木花子
time_find "SKU 'sku-004242'"              sku-004242
time_find "surname 'Dupont' (~25k orders)" Dupont
time_find "domain 'example.fr' (~225k)"   example.fr
last=$("$COMPTOIR" --db "$DB" order find Dupont 2>/dev/null | grep '^O-' | tail -1 | cut -d' ' -f1)
time_find "second page of 'Dupont'"       Dupont --after "$last"
time_find "no match 'zzqzz'"              zzqzz
rm -f /tmp/comptoir-bench-out.$$
