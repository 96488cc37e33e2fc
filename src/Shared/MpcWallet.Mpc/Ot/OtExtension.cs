using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using MpcWallet.Mpc.Hashing;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// IKNP-style random OT extension with the SoftSpokenOT / corrected-KOS consistency check made non-interactive by
/// Fiat–Shamir (DKLs23 §5.1). SoftSpoken parameter k = 1: every base OT is already a 1-of-2 OT, so no all-but-one /
/// PPRF expansion is needed, at the price of a correction matrix u of 256 × 80 bytes (k = 4 would send a quarter).
/// <para>Receiver R with seeds (k_{j,0}, k_{j,1}) and choice vector x ∈ {0,1}^640: t^j = PRG(k_{j,0}),
/// u^j = t^j ⊕ PRG(k_{j,1}) ⊕ x. Sender S with Δ and k_{j,Δ_j}: q^j = PRG(k_{j,Δ_j}) ⊕ Δ_j·u^j = t^j ⊕ Δ_j·x, so in
/// rows q_l = t_l ⊕ x_l·Δ. The check compresses each column with a universal hash over GF(2^128) whose challenges
/// come from H(sid, u): Σ_b χ_b·q^j_b must equal t̃_j ⊕ Δ_j·x̃. The last 128 rows of x are fresh random so that x̃
/// reveals nothing about the real choices.</para>
/// </summary>
internal static class OtExtension
{
    public const int ColumnBytes = OtExtensionMessage.ColumnBytes;
    public const int ColumnWords = ColumnBytes / 8;
    public const int Blocks = OtParameters.ExtendedRows / 128;
    private const int PrgInputLength = 32 + 4 + OtParameters.SeedLength;

    static OtExtension()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the OT extension's word layout assumes a little-endian machine");
        }
    }

    /// <summary>
    /// Receiver side. <paramref name="choices"/> is x (640 bits, LSB-first). Returns the rows t_l and the message.
    /// </summary>
    public static (OtExtensionRows Rows, OtExtensionMessage Message) Receive(
        ReadOnlySpan<byte> sessionId, OtExtensionReceiverSeeds seeds, ReadOnlySpan<byte> choices)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (choices.Length != ColumnBytes)
        {
            throw new ArgumentException("the choice vector has 640 bits", nameof(choices));
        }

        const int kappa = OtParameters.BaseOtCount;
        var prgPrefix = SessionPrefix(HashTags.OtExtensionPrg, sessionId);
        var t = new byte[kappa * ColumnBytes];
        var u = new byte[kappa * ColumnBytes];
        try
        {
            // t^j = PRG(k_{j,0}) straight into t, PRG(k_{j,1}) into u, then u^j ⊕= t^j ⊕ x.
            Prg(prgPrefix, seeds.Seeds0, t);
            Prg(prgPrefix, seeds.Seeds1, u);
            for (var j = 0; j < kappa; j++)
            {
                var tj = t.AsSpan(j * ColumnBytes, ColumnBytes);
                var uj = u.AsSpan(j * ColumnBytes, ColumnBytes);
                for (var k = 0; k < ColumnBytes; k++)
                {
                    uj[k] ^= (byte)(tj[k] ^ choices[k]);
                }
            }

            Span<Gf128> chi = stackalloc Gf128[Blocks];
            Challenges(sessionId, u, chi);
            var checkChoices = new byte[Gf128.EncodedLength];
            Compress(choices, chi).WriteTo(checkChoices);
            var checkColumns = new byte[kappa * Gf128.EncodedLength];
            for (var j = 0; j < kappa; j++)
            {
                Compress(t.AsSpan(j * ColumnBytes, ColumnBytes), chi).WriteTo(checkColumns.AsSpan(j * Gf128.EncodedLength));
            }

            var rows = new ulong[OtParameters.ExtendedRows * OtExtensionRows.WordsPerRow];
            BitMatrix.Transpose(MemoryMarshal.Cast<byte, ulong>(t), kappa, ColumnWords, rows);
            return (new OtExtensionRows(rows), new OtExtensionMessage(u, checkChoices, checkColumns));
        }
        catch
        {
            // u held PRG(k_{j,1}) before it became the correction message.
            CryptographicOperations.ZeroMemory(u);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(t);
        }
    }

    /// <summary>
    /// Sender side: rebuilds q, verifies the consistency check on every column before anything is used, and returns
    /// the rows q_l. A failed check is terminal and recommends banning the receiver: whether it passes can depend on
    /// Δ, so letting a receiver retry would leak Δ bit by bit (selective failure).
    /// </summary>
    public static OtExtensionRows Send(
        ReadOnlySpan<byte> sessionId, OtExtensionSenderSeeds seeds, OtExtensionMessage message, int receiverParty)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(message);
        const int kappa = OtParameters.BaseOtCount;
        var prgPrefix = SessionPrefix(HashTags.OtExtensionPrg, sessionId);
        var q = new byte[kappa * ColumnBytes];
        var u = message.Correction;
        try
        {
            Span<Gf128> chi = stackalloc Gf128[Blocks];
            Challenges(sessionId, u, chi);
            var checkChoices = Gf128.Read(message.CheckChoices);
            ulong difference = 0;
            Prg(prgPrefix, seeds.Seeds, q);
            for (var j = 0; j < kappa; j++)
            {
                var qj = q.AsSpan(j * ColumnBytes, ColumnBytes);
                var deltaMask = (byte)(0 - ((seeds.Delta[j / 8] >> (j % 8)) & 1));
                var uj = u.AsSpan(j * ColumnBytes, ColumnBytes);
                for (var k = 0; k < ColumnBytes; k++)
                {
                    qj[k] ^= (byte)(uj[k] & deltaMask);
                }

                var wideMask = 0UL - (ulong)(deltaMask & 1);
                var expected = Gf128.Read(message.CheckColumns.AsSpan(j * Gf128.EncodedLength))
                    ^ new Gf128(checkChoices.Lo & wideMask, checkChoices.Hi & wideMask);
                var actual = Compress(qj, chi);
                // Accumulate without branching: every column is checked, and timing does not reveal which failed.
                difference |= (actual.Lo ^ expected.Lo) | (actual.Hi ^ expected.Hi);
            }

            if (difference != 0)
            {
                throw new ProtocolAbortException(receiverParty, AbortChecks.OtExtensionConsistency, true,
                    "OT-extension consistency check failed; the receiver must be banned (retrying would leak Δ)");
            }

            var rows = new ulong[OtParameters.ExtendedRows * OtExtensionRows.WordsPerRow];
            BitMatrix.Transpose(MemoryMarshal.Cast<byte, ulong>(q), kappa, ColumnWords, rows);
            return new OtExtensionRows(rows);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(q);
        }
    }

    /// <summary>H(tag, sid) — a fixed 32-byte prefix that makes the fixed-layout XOF inputs below session-bound.</summary>
    internal static byte[] SessionPrefix(string tag, ReadOnlySpan<byte> sessionId)
    {
        using var transcript = new Transcript(tag);
        return transcript.Append(sessionId).Finish();
    }

    /// <summary>
    /// Column PRG for all 256 columns: column j of <paramref name="columns"/> = SHAKE256(H(tag, sid) ‖ j ‖ seed_j) → 80
    /// bytes, which binds the session and the column index. Four columns per Keccak pass (<see cref="Shake256x4"/>).
    /// </summary>
    private static void Prg(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> seeds, Span<byte> columns)
    {
        const int kappa = OtParameters.BaseOtCount;
        const int seedLength = OtParameters.SeedLength;
        var inputs = new byte[kappa * PrgInputLength];
        try
        {
            for (var j = 0; j < kappa; j++)
            {
                var input = inputs.AsSpan(j * PrgInputLength, PrgInputLength);
                prefix.CopyTo(input);
                BinaryPrimitives.WriteInt32BigEndian(input[32..], j);
                seeds.Slice(j * seedLength, seedLength).CopyTo(input[36..]);
            }

            Shake256x4.HashMany(inputs, PrgInputLength, columns, ColumnBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inputs);
        }
    }

    /// <summary>χ_0..χ_4 from H(tag, sid, u): the challenge depends on the whole correction matrix.</summary>
    internal static void Challenges(ReadOnlySpan<byte> sessionId, ReadOnlySpan<byte> correction, Span<Gf128> chi)
    {
        using var transcript = new Transcript(HashTags.OtExtensionChallenge);
        var digest = transcript.Append(sessionId).Append(correction).Finish();
        Span<byte> wide = stackalloc byte[Blocks * Gf128.EncodedLength];
        Transcript.Expand(digest, wide);
        for (var b = 0; b < Blocks; b++)
        {
            chi[b] = Gf128.Read(wide[(b * Gf128.EncodedLength)..]);
        }
    }

    /// <summary>Σ_b χ_b·v_b over the five 128-bit blocks of an 80-byte column.</summary>
    internal static Gf128 Compress(ReadOnlySpan<byte> column, ReadOnlySpan<Gf128> chi)
    {
        var sum = Gf128.Zero;
        for (var b = 0; b < Blocks; b++)
        {
            sum ^= chi[b] * Gf128.Read(column[(b * Gf128.EncodedLength)..]);
        }

        return sum;
    }
}
