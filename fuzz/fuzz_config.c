/*
 * fuzz_config.c -- .dossier.json (dsr_config_parse), then every glob it
 * gave against a few paths, and every date it gave checked for shape.
 */
#include "fuzz_common.h"
#include "config.h"

static const char *const fuzz_paths[] = { "a.md", "notes/b.md", "drafts/x/y/c.txt", "", "/", "a//b.md", "..", "x.tmp.md" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_dup(data, size);
    dsr_config cfg;
    size_t i, k;
    memset(&cfg, 0, sizeof cfg);
    if (dsr_config_parse(".dossier.json", s, size, &cfg) == 0) {
        for (i = 0; i < cfg.n_include; i++)
            for (k = 0; k < 8; k++) dsr_glob_match(cfg.include[i], fuzz_paths[k]);
        for (i = 0; i < cfg.n_exclude; i++) {
            for (k = 0; k < 8; k++) dsr_glob_match(cfg.exclude[i], fuzz_paths[k]);
            dsr_glob_match(cfg.exclude[i], cfg.exclude[i]);
        }
        for (i = 0; i < cfg.n_dates; i++) {
            size_t n = strlen(cfg.dates[i].date);
            FUZZ_CHECK(n == 4 || n == 7 || n == 10);
            FUZZ_CHECK(cfg.dates[i].path[0] != '/');
        }
        FUZZ_CHECK(cfg.n_warnings <= 1000);
    }
    dsr_config_free(&cfg);
    /* the raw bytes as a glob and as a path */
    if (size < 600) {
        dsr_glob_match(s, "notes/2010/a.md");
        dsr_glob_match("**/*a*b?c/**", s);
    }
    free(s);
    return 0;
}
