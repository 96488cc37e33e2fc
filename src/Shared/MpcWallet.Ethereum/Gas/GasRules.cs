namespace MpcWallet.Ethereum.Gas;

/// <summary>
/// The protocol rules that decide a transaction's minimum gas limit, by fork. Everything from Istanbul on charges
/// calldata 16/4 per non-zero/zero byte (EIP-2028) and access lists 2400 per address and 1900 per storage key
/// (EIP-2930, Berlin); the forks differ in the initcode word cost and size limit (EIP-3860, Shanghai), the calldata
/// floor (EIP-7623, Prague) and the per-transaction gas limit cap (EIP-7825, Osaka).
/// </summary>
public sealed record GasRules
{
    /// <summary>Berlin / London: intrinsic gas only.</summary>
    public static GasRules London { get; } = new() { Name = "london" };

    /// <summary>Shanghai / Cancun: + EIP-3860 (2 gas per 32-byte word of initcode, initcode at most 49152 bytes).</summary>
    public static GasRules Shanghai { get; } = London with { Name = "shanghai", InitcodeWordCost = true, MaxInitcodeSize = 49_152 };

    /// <summary>Prague: + EIP-7623 (a calldata floor of 10 gas per token, tokens = zero bytes + 4 × non-zero bytes).</summary>
    public static GasRules Prague { get; } = Shanghai with { Name = "prague", CalldataFloor = true };

    /// <summary>Osaka (and the blob-parameter forks after it): + EIP-7825 (no transaction may ask for more than 2^24 gas).</summary>
    public static GasRules Osaka { get; } = Prague with { Name = "osaka", MaxTransactionGasLimit = 1UL << 24 };

    /// <summary>The rules of Ethereum mainnet now, and of Anvil 1.7.1 (hard fork "Bpo1").</summary>
    public static GasRules Latest => Osaka;

    public required string Name { get; init; }

    public bool InitcodeWordCost { get; init; }

    public int? MaxInitcodeSize { get; init; }

    public bool CalldataFloor { get; init; }

    public ulong? MaxTransactionGasLimit { get; init; }

    public override string ToString() => Name;
}
