// The cached values of a chart range (a series' values, categories or name), which readers that
// draw a chart without reading its cells show. libxlsxwriter 1.1.4 fills the cache itself only in
// memory mode, and then with what it holds for each cell: 0 for a formula cell, 0 for a formatted
// blank; in constant-memory mode it writes none. These functions set the cache from the values the
// layout computed, in both modes. Render stage only (the one user of libxlsxwriter).
#ifndef APPENDIX_CHART_CACHE_H
#define APPENDIX_CHART_CACHE_H

#include <stddef.h>

// libxlsxwriter's range of a chart series (xlsxwriter/chart.h); declared here, not included, so
// that the type comes to Swift from CXLSXWriter only.
struct lxw_series_range;

/// Replaces `range`'s cached numbers with `count` points from `numbers`; a NaN is a cell without a
/// number (no point is written, so readers draw a gap, not 0). Marks the cache as set, so that
/// `workbook_close` does not fill it again. Returns an `lxw_error` value: 0 on success,
/// `LXW_ERROR_PARAMETER_VALIDATION` for more than 65,535 points (the library's count is 16-bit),
/// `LXW_ERROR_MEMORY_MALLOC_FAILED` if memory runs out; the cache is unchanged on error.
int appendix_chart_range_cache_numbers(struct lxw_series_range *range, const double *numbers, size_t count);

/// Replaces `range`'s cached texts with `count` points from `texts` (UTF-8); a NULL is a cell
/// without text (no point). Control characters are written as `_xHHHH_`, as libxlsxwriter writes
/// them in the shared strings. Marks the cache as set and as text. Returns as above.
int appendix_chart_range_cache_texts(struct lxw_series_range *range, const char *const *texts, size_t count);

#endif
