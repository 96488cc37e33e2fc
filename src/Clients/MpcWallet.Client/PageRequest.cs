namespace MpcWallet.Client;

/// <summary>Which page of a list: at most <see cref="Limit"/> items after <see cref="Cursor"/> (null = the first page).</summary>
public sealed record PageRequest(int? Limit = null, string? Cursor = null);
