/* The migrations compiled into the binary from the SQL files of db/migrations. */
#ifndef COMPTOIR_DB_MIGRATIONS_H
#define COMPTOIR_DB_MIGRATIONS_H

struct db_migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct db_migration db_migrations[];
extern const int db_migration_count;

#endif
