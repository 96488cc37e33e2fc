namespace MpcWallet.Ethereum.Abi;

/// <summary>What a revert's data turned out to be.</summary>
public enum RevertKind
{
    /// <summary>No data: revert(), require(cond) without a message, out of gas, an invalid opcode.</summary>
    Empty,

    /// <summary>Error(string): require(cond, "message") or revert("message").</summary>
    Error,

    /// <summary>Panic(uint256): a failed assert, arithmetic overflow, division by zero, a bad array index ….</summary>
    Panic,

    /// <summary>A custom error declared in the ABI given to the decoder.</summary>
    CustomError,

    /// <summary>Data no known error decodes strictly: an undeclared custom error, or malformed Error/Panic data.</summary>
    Unrecognized,
}
