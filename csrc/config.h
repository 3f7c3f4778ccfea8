/*
 * config.h -- the folder config, `.dossier.json` at the folder's root.
 *
 *   {
 *     "extensions": ["md", "txt"],          files to read (default md markdown txt)
 *     "include": ["notes/ **"],             globs; when given, only matching files
 *     "exclude": ["drafts/ **", "*.tmp.md"], globs of files to leave out
 *     "date": "2010-03-01",                 the date of documents with none of their own
 *     "dates": {"brief.md": "2010-02-09"},  per-file dates
 *     "aliases": {"DPRK": "North Korea"},   user aliases: alias -> canonical name
 *     "date_order": "dmy",                  read 02/09/2010 as 2 September (default mdy)
 *     "max_file_size": 33554432             bytes
 *   }
 *
 * (Written "/ **" here only because C comments cannot hold a slash-star.)
 *
 * Every problem is a warning naming the file, line and problem; loading
 * then goes on with the defaults for what was wrong, never fails.
 */
#ifndef DSR_CONFIG_H
#define DSR_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include "entities.h"

typedef struct { char *path; char date[11]; } dsr_cfg_date;

typedef struct {
    char **ext;     size_t n_ext;
    char **include; size_t n_include;
    char **exclude; size_t n_exclude;
    dsr_cfg_date *dates; size_t n_dates;
    dsr_user_alias *aliases; size_t n_aliases;   /* strings owned */
    char date[11];
    int dmy;
    uint64_t max_file_size;     /* 0: not set */
    char **warnings; size_t n_warnings;
} dsr_config;

#define DSR_CONFIG_NAME ".dossier.json"
#define DSR_CONFIG_MAX (1024 * 1024)    /* a config larger than this is refused */

/* Load root/.dossier.json if present.  -1 only when memory ran out. */
int dsr_config_load(const char *root, dsr_config *cfg);
/* Parse config text (name is used in messages). */
int dsr_config_parse(const char *name, const char *text, size_t len, dsr_config *cfg);
void dsr_config_free(dsr_config *cfg);
/* Add a formatted warning.  -1 on OOM. */
int dsr_config_warn(dsr_config *cfg, const char *fmt, ...);

/* Does a '/'-separated relative path match a glob?  `*` and `?` stay
 * within a path segment, `**` crosses segments; a glob without '/' is
 * matched against the file name alone. */
int dsr_glob_match(const char *glob, const char *path);
#define DSR_GLOB_MAX 512    /* longer globs match nothing (the config warns) */

#endif
