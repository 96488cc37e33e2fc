namespace MpcWallet.Ethereum.Abi;

/// <summary>One parsed ABI item before it becomes an <see cref="AbiFunction"/>, <see cref="AbiError"/> or <see cref="AbiEvent"/>.</summary>
internal sealed record AbiFragment(
    string Kind,
    string Name,
    IReadOnlyList<AbiParameter> Inputs,
    IReadOnlyList<AbiParameter> Outputs,
    string StateMutability,
    bool Anonymous);
