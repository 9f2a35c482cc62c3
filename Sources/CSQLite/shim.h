#ifndef LRSCOPE_CSQLITE_SHIM_H
#define LRSCOPE_CSQLITE_SHIM_H
// SQLite, used only by LRIngest's MLflow store reader.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type lrscope_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
