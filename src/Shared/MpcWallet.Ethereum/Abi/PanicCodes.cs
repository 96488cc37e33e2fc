using System.Numerics;

namespace MpcWallet.Ethereum.Abi;

/// <summary>The codes of Panic(uint256) and what they mean (Solidity documentation, "Panic via assert and Error via require").</summary>
public static class PanicCodes
{
    private static readonly Dictionary<int, string> Meanings = new()
    {
        [0x00] = "generic compiler-inserted panic",
        [0x01] = "assertion failed (assert with a false condition)",
        [0x11] = "arithmetic overflow or underflow outside an unchecked block",
        [0x12] = "division or modulo by zero",
        [0x21] = "conversion of a too large or negative value to an enum",
        [0x22] = "access to an incorrectly encoded storage byte array",
        [0x31] = "pop() on an empty array",
        [0x32] = "array index out of bounds",
        [0x41] = "too much memory allocated or an array too large",
        [0x51] = "call to a zero-initialized variable of internal function type",
    };

    /// <summary>The documented meaning of <paramref name="code"/>, or null for a code Solidity does not define.</summary>
    public static string? Describe(BigInteger code) =>
        code >= 0 && code <= 0xff && Meanings.TryGetValue((int)code, out var meaning) ? meaning : null;
}
