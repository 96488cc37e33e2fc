using MpcWallet.Mpc.Wire;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// OT extension, receiver → sender: the correction matrix u (256 columns × 640 bits) and the Fiat–Shamir consistency
/// check (x̃ ∈ GF(2^128), t̃_j ∈ GF(2^128) per column). Wire form: u ‖ x̃ ‖ t̃, fixed length, no header.
/// Every bit pattern is a syntactically valid message; the consistency check is what rejects a cheating receiver.
/// </summary>
internal sealed class OtExtensionMessage
{
    public const int ColumnBytes = OtParameters.ExtendedRows / 8;
    public const int CorrectionLength = OtParameters.BaseOtCount * ColumnBytes;
    public const int CheckChoiceLength = Gf128.EncodedLength;
    public const int CheckColumnsLength = OtParameters.BaseOtCount * Gf128.EncodedLength;
    public const int EncodedLength = CorrectionLength + CheckChoiceLength + CheckColumnsLength;

    internal OtExtensionMessage(byte[] correction, byte[] checkChoices, byte[] checkColumns)
    {
        if (correction.Length != CorrectionLength || checkChoices.Length != CheckChoiceLength || checkColumns.Length != CheckColumnsLength)
        {
            throw new ArgumentException("wrong OT-extension message part lengths");
        }

        Correction = correction;
        CheckChoices = checkChoices;
        CheckColumns = checkColumns;
    }

    /// <summary>u: column j occupies bytes [80·j, 80·j + 80), bit l of a column = bit l % 8 of its byte l / 8.</summary>
    internal byte[] Correction { get; }

    /// <summary>x̃ = Σ_b χ_b·x_b.</summary>
    internal byte[] CheckChoices { get; }

    /// <summary>t̃_j = Σ_b χ_b·t^j_b, 16 bytes per column.</summary>
    internal byte[] CheckColumns { get; }

    public void Write(WireWriter writer) => writer.WriteFixed(Correction).WriteFixed(CheckChoices).WriteFixed(CheckColumns);

    public static OtExtensionMessage Read(ref WireReader reader) => new(
        reader.ReadFixed(CorrectionLength).ToArray(),
        reader.ReadFixed(CheckChoiceLength).ToArray(),
        reader.ReadFixed(CheckColumnsLength).ToArray());
}
