using MpcWallet.Ethereum.Transactions;

namespace MpcWallet.Ethereum.Gas;

/// <summary>
/// The gas a transaction costs before any code runs, and so the lowest gas limit a node will mine it with.
/// <see cref="Intrinsic"/> = 21000 (+ 32000 to create a contract) + 16 per non-zero and 4 per zero calldata byte
/// (EIP-2028) + 2400 per access-list address and 1900 per storage key (EIP-2930) + 2 per 32-byte initcode word when
/// creating (EIP-3860). <see cref="CalldataFloor"/> (EIP-7623) = 21000 + 10 per calldata token, where a zero byte is
/// one token and a non-zero byte four; the gas limit must cover both: <see cref="MinimumGasLimit"/>.
/// A transaction whose gas limit is below that is never mined (nodes reject it, or it sits in the pool).
/// </summary>
public readonly record struct IntrinsicGas(ulong Intrinsic, ulong CalldataFloor)
{
    public const ulong TransactionCost = 21_000;
    public const ulong ContractCreationCost = 32_000;
    public const ulong NonZeroByteCost = 16;
    public const ulong ZeroByteCost = 4;
    public const ulong AccessListAddressCost = 2_400;
    public const ulong AccessListStorageKeyCost = 1_900;
    public const ulong InitcodeWordCost = 2;
    public const ulong FloorCostPerToken = 10;

    /// <summary>The lowest gas limit the transaction can be mined with: max(intrinsic, calldata floor).</summary>
    public ulong MinimumGasLimit => Math.Max(Intrinsic, CalldataFloor);

    /// <summary>The intrinsic gas and calldata floor of a transaction (a null <c>To</c> creates a contract).</summary>
    public static IntrinsicGas Of(Transaction transaction, GasRules rules)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var accessList = transaction switch
        {
            Eip1559Transaction eip1559 => eip1559.AccessList,
            AccessListTransaction accessListTransaction => accessListTransaction.AccessList,
            _ => [],
        };
        return Of(transaction.Data.Span, transaction.To is null, accessList, rules);
    }

    /// <summary>The intrinsic gas and calldata floor of a transaction with this data, kind and access list.</summary>
    public static IntrinsicGas Of(ReadOnlySpan<byte> data, bool isContractCreation, IReadOnlyList<AccessListEntry>? accessList, GasRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ulong zeroBytes = (ulong)data.Count((byte)0);
        ulong nonZeroBytes = (ulong)data.Length - zeroBytes;
        var intrinsic = TransactionCost + (nonZeroBytes * NonZeroByteCost) + (zeroBytes * ZeroByteCost);
        if (isContractCreation)
        {
            intrinsic += ContractCreationCost;
            if (rules.InitcodeWordCost)
            {
                intrinsic += InitcodeWordCost * (((ulong)data.Length + 31) / 32);
            }
        }

        foreach (var entry in accessList ?? [])
        {
            intrinsic += AccessListAddressCost + ((ulong)entry.StorageKeys.Count * AccessListStorageKeyCost);
        }

        var floor = rules.CalldataFloor ? TransactionCost + (FloorCostPerToken * (zeroBytes + (4 * nonZeroBytes))) : 0;
        return new IntrinsicGas(intrinsic, floor);
    }

    /// <summary>
    /// Why a transaction with <paramref name="gasLimit"/> and this data cannot be mined under <paramref name="rules"/>,
    /// or null when it can as far as gas goes: below <see cref="MinimumGasLimit"/>, above the per-transaction cap
    /// (EIP-7825), or initcode over the size limit (EIP-3860).
    /// </summary>
    public string? ProblemWith(ulong gasLimit, int dataLength, bool isContractCreation, GasRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (gasLimit < MinimumGasLimit)
        {
            var which = CalldataFloor > Intrinsic
                ? $"the calldata floor (EIP-7623) of {CalldataFloor}"
                : $"the intrinsic gas of {Intrinsic}";
            return $"gas limit {gasLimit} is below {which}; at least {MinimumGasLimit} is needed before any code runs";
        }

        if (rules.MaxTransactionGasLimit is { } cap && gasLimit > cap)
        {
            return $"gas limit {gasLimit} exceeds the per-transaction cap of {cap} (EIP-7825, {rules.Name})";
        }

        if (isContractCreation && rules.MaxInitcodeSize is { } maxInitcode && dataLength > maxInitcode)
        {
            return $"initcode of {dataLength} bytes exceeds {maxInitcode} bytes (EIP-3860)";
        }

        return null;
    }
}
