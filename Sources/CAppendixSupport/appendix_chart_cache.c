#include "appendix_chart_cache.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <xlsxwriter/xmlwriter.h>

// libxlsxwriter 1.1.4 (src/chart.c, src/workbook.c):
// - a range's `data_cache` is a calloc'd STAILQ head of calloc'd `lxw_series_data_point`s, each
//   `string` malloc'd; `_chart_free_range` frees all three with free(), so they are allocated
//   here the same way and handed over;
// - `_populate_range_data_cache`, called by `workbook_close`, returns at once when
//   `ignore_cache` is set; otherwise it appends its own points (memory mode) or sets it
//   (constant-memory mode). Setting it keeps ours, in both modes;
// - the chart XML writes `num_data_points` as `<c:ptCount>` and one `<c:pt>` per point without
//   `no_data`, as `<c:strCache>` when `has_string_cache` is set, else `<c:numCache>`;
//   a series name is always written as `<c:strCache>` (points with `is_string`).

static void free_points(struct lxw_series_data_points *points) {
    while (!STAILQ_EMPTY(points)) {
        lxw_series_data_point *point = STAILQ_FIRST(points);
        STAILQ_REMOVE_HEAD(points, list_pointers);
        free(point->string);
        free(point);
    }
    free(points);
}

/// A copy of `text` with control characters as `_xHHHH_` (the library's own escape), malloc'd.
static char *cached_text(const char *text) {
    for (const char *c = text; *c; c++) {
        if ((unsigned char)*c < 0x20 && *c != '\t' && *c != '\n') return lxw_escape_control_characters(text);
    }
    return strdup(text);
}

/// Puts `points` (`count` of them) in place of `range`'s cache and marks it set.
static void install(lxw_series_range *range, struct lxw_series_data_points *points, size_t count, int texts) {
    if (range->data_cache) free_points(range->data_cache);
    range->data_cache = points;
    range->num_data_points = (uint16_t)count;
    range->has_string_cache = texts ? LXW_TRUE : LXW_FALSE;
    range->ignore_cache = LXW_TRUE;
}

/// A new point appended to `points`, or NULL if memory ran out.
static lxw_series_data_point *append_point(struct lxw_series_data_points *points) {
    lxw_series_data_point *point = calloc(1, sizeof(lxw_series_data_point));
    if (point) STAILQ_INSERT_TAIL(points, point, list_pointers);
    return point;
}

static struct lxw_series_data_points *new_points(void) {
    struct lxw_series_data_points *points = calloc(1, sizeof(struct lxw_series_data_points));
    if (points) STAILQ_INIT(points);
    return points;
}

int appendix_chart_range_cache_numbers(struct lxw_series_range *range, const double *numbers, size_t count) {
    if (count > UINT16_MAX) return LXW_ERROR_PARAMETER_VALIDATION;
    struct lxw_series_data_points *points = new_points();
    if (!points) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (size_t index = 0; index < count; index++) {
        lxw_series_data_point *point = append_point(points);
        if (!point) { free_points(points); return LXW_ERROR_MEMORY_MALLOC_FAILED; }
        if (isnan(numbers[index])) point->no_data = LXW_TRUE;
        else point->number = numbers[index];
    }
    install(range, points, count, 0);
    return LXW_NO_ERROR;
}

int appendix_chart_range_cache_texts(struct lxw_series_range *range, const char *const *texts, size_t count) {
    if (count > UINT16_MAX) return LXW_ERROR_PARAMETER_VALIDATION;
    struct lxw_series_data_points *points = new_points();
    if (!points) return LXW_ERROR_MEMORY_MALLOC_FAILED;
    for (size_t index = 0; index < count; index++) {
        lxw_series_data_point *point = append_point(points);
        if (!point) { free_points(points); return LXW_ERROR_MEMORY_MALLOC_FAILED; }
        if (!texts[index]) { point->no_data = LXW_TRUE; continue; }
        point->string = cached_text(texts[index]);
        if (!point->string) { free_points(points); return LXW_ERROR_MEMORY_MALLOC_FAILED; }
        point->is_string = LXW_TRUE;
    }
    install(range, points, count, 1);
    return LXW_NO_ERROR;
}
