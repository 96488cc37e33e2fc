namespace MpcWallet.Client;

/// <summary>One page of a list, newest first; <see cref="NextCursor"/> asks for the next page and is null at the end.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
