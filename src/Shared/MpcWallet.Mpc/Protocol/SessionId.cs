namespace MpcWallet.Mpc.Protocol;

/// <summary>
/// A 32-byte session identifier agreed before the protocol starts (chosen by the coordinator, unique per run).
/// Every hash, commitment, proof and OT instance of the run is bound to it.
/// </summary>
public readonly struct SessionId : IEquatable<SessionId>
{
    public const int Length = 32;

    private readonly byte[]? _bytes;

    public SessionId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"a session id is {Length} bytes", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Span => _bytes ?? throw new InvalidOperationException("uninitialised session id");

    public static SessionId Random(Randomness.IRandomSource random)
    {
        Span<byte> bytes = stackalloc byte[Length];
        random.Fill(bytes);
        return new SessionId(bytes);
    }

    public static SessionId Parse(string hex) => new(Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex));

    public byte[] ToArray() => Span.ToArray();

    public bool Equals(SessionId other) =>
        _bytes is not null && other._bytes is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is SessionId other && Equals(other);

    public override int GetHashCode() => _bytes is null ? 0 : BitConverter.ToInt32(_bytes, 0);

    public static bool operator ==(SessionId left, SessionId right) => left.Equals(right);

    public static bool operator !=(SessionId left, SessionId right) => !left.Equals(right);

    public override string ToString() => _bytes is null ? "(none)" : Convert.ToHexStringLower(_bytes);
}
