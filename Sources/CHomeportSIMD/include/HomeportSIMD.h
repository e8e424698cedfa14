// Vector searches for the prefilter: where in a buffer a needle's anchor pair may be (Teddy's
// nibble masks), with SSSE3 or AVX2 chosen at run time.

#ifndef HOMEPORT_SIMD_H
#define HOMEPORT_SIMD_H

#include <stddef.h>
#include <stdint.h>

/// The masks are 64 bytes: which pairs of bytes may be anchors, in up to eight buckets. With
/// `first_low = masks`, `first_high = masks + 16`, `second_low = masks + 32`, `second_high =
/// masks + 48`: bit b of `first_low[x & 15]`, `first_high[x >> 4]`, `second_low[y & 15]` and
/// `second_high[y >> 4]` all set means the pair x, y (each with bit 5 set, as the search sets
/// it) may be an anchor of bucket b.

/// The widest search this processor runs: 2 for AVX2, 1 for SSSE3, 0 for none (then
/// `homeport_pair_candidate` is not to be called).
int homeport_pair_search_level(void);

/// The first `i` in `start ..< count - 1` where `table[bytes[i] | bytes[i + 1] << 8]` is not 0 (a
/// pair some needle is anchored on); `count - 1` (or `start`, if larger) when there is none. The
/// vector loops look up only the pairs `masks` admit, so `masks` must admit every pair the table
/// marks (with bit 5 of each byte set). `level` is what `homeport_pair_search_level` returned.
size_t homeport_next_anchor(const uint8_t *masks, const uint16_t *table, const uint8_t *bytes, size_t start,
                            size_t count, int level);

#endif
