#ifndef LRSCOPE_CFILESYSTEM_H
#define LRSCOPE_CFILESYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE), which Swift's Glibc module
/// does not import. Returns 0, or -1 with errno set (ENOSYS/EINVAL where the file system lacks it).
int lrscope_exchange_paths(const char *first, const char *second);

#endif
