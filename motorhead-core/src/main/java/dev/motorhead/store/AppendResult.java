package dev.motorhead.store;

/**
 * A session's size right after an append.
 *
 * @param messageCount messages held verbatim
 * @param messageTokens the sum of their token counts
 */
public record AppendResult(long messageCount, long messageTokens) {}
