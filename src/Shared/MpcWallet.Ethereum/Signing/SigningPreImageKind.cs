namespace MpcWallet.Ethereum.Signing;

/// <summary>What a <see cref="SigningPreImage"/> holds, and so how its digest is computed.</summary>
public enum SigningPreImageKind
{
    /// <summary>An unsigned EIP-1559 transaction payload, 0x02 ‖ rlp(the nine unsigned fields): keccak256 of it.</summary>
    Eip1559Transaction,

    /// <summary>The bytes of a personal message: EIP-191 version 0x45.</summary>
    PersonalMessage,

    /// <summary>EIP-712 typed data as JSON text (UTF-8): its EIP-712 signing hash.</summary>
    TypedData,

    /// <summary>A 32-byte digest signed as it is, marked as such: nothing about what it signs can be checked.</summary>
    RawDigest,
}
