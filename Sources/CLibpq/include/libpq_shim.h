#ifndef LIULIANG_CLIBPQ_SHIM_H
#define LIULIANG_CLIBPQ_SHIM_H

#include <postgresql/libpq-fe.h>

// The result and connection states Swift compares against, as plain ints: the enums' case
// names differ between libpq versions' headers only in what Swift imports them as.
static inline int ll_pq_ok(const PGconn *c) { return PQstatus(c) == CONNECTION_OK; }
static inline int ll_pq_command_ok(const PGresult *r) { return PQresultStatus(r) == PGRES_COMMAND_OK; }
static inline int ll_pq_tuples_ok(const PGresult *r) { return PQresultStatus(r) == PGRES_TUPLES_OK; }
static inline int ll_pq_copy_out(const PGresult *r) { return PQresultStatus(r) == PGRES_COPY_OUT; }
static inline int ll_pq_copy_in(const PGresult *r) { return PQresultStatus(r) == PGRES_COPY_IN; }
static inline int ll_pq_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }
static inline int ll_pq_diag_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }

#endif
