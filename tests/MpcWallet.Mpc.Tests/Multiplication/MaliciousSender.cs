using MpcWallet.Mpc.Curve;
using MpcWallet.Mpc.Multiplication;
using MpcWallet.Mpc.Ot;
using MpcWallet.Mpc.Randomness;

namespace MpcWallet.Mpc.Tests.Multiplication;

/// <summary>
/// An RVOLE sender that deviates adaptively: row <c>row</c> of ã carries a0 + 1 instead of a0, and θ, η′ and μ are
/// computed exactly as the protocol prescribes for the ã it sends and its own pads. Written independently of
/// <see cref="Rvole.SenderRespond(ReadOnlySpan{byte}, OtExtensionSenderSeeds, Scalar, Scalar, RvoleRequest, int, IRandomSource)"/>
/// from the protocol description (same extension and pad primitives).
/// </summary>
internal static class MaliciousSender
{
    public static RvoleResponse RespondWithShiftedRow(byte[] sid, OtExtensionSenderSeeds seeds, Scalar a0, Scalar a1, RvoleRequest request, int row, IRandomSource random) =>
        Respond(sid, seeds, a0, a1, request, row, random, compensate: false);

    /// <summary>
    /// As <see cref="RespondWithShiftedRow"/>, but the sender also shifts the check column of that row by −θ0 with θ
    /// computed from her honest ã: were θ independent of the ã sent, the shift would cancel in Bob's μ term and the
    /// inconsistent row would pass whatever β_l is.
    /// </summary>
    public static RvoleResponse RespondWithCompensatedRow(byte[] sid, OtExtensionSenderSeeds seeds, Scalar a0, Scalar a1, RvoleRequest request, int row, IRandomSource random) =>
        Respond(sid, seeds, a0, a1, request, row, random, compensate: true);

    private static RvoleResponse Respond(byte[] sid, OtExtensionSenderSeeds seeds, Scalar a0, Scalar a1, RvoleRequest request, int row, IRandomSource random, bool compensate)
    {
        const int rows = OtParameters.RvoleRows;
        var pads0 = new Scalar[rows * 3];
        var pads1 = new Scalar[rows * 3];
        using (var q = OtExtension.Send(sid, seeds, request.Extension, 0))
        {
            OtRowPads.Sender(OtRowPads.Prefix(sid), q, seeds.Delta, rows, pads0, pads1);
        }

        var eta = Scalar.Random(random);
        var corrections = new Scalar[rows * 3];
        var encoding = new byte[RvoleResponse.CorrectionLength];
        for (var l = 0; l < rows; l++)
        {
            corrections[3 * l] = pads0[3 * l] - pads1[3 * l] + a0;
            corrections[(3 * l) + 1] = pads0[(3 * l) + 1] - pads1[(3 * l) + 1] + a1;
            corrections[(3 * l) + 2] = pads0[(3 * l) + 2] - pads1[(3 * l) + 2] + eta;
        }

        Encode(corrections, encoding);
        var (honestTheta0, _) = Rvole.Theta(sid, encoding);
        corrections[3 * row] += Scalar.One;
        if (compensate)
        {
            corrections[(3 * row) + 2] -= honestTheta0;
        }

        Encode(corrections, encoding);

        var (theta0, theta1) = Rvole.Theta(sid, encoding);
        var etaPrime = eta + (theta0 * a0) + (theta1 * a1);
        var terms = new byte[rows * 32];
        for (var l = 0; l < rows; l++)
        {
            ((theta0 * pads0[3 * l]) + (theta1 * pads0[(3 * l) + 1]) + pads0[(3 * l) + 2]).WriteTo(terms.AsSpan(l * 32, 32));
        }

        return new RvoleResponse(corrections, encoding, etaPrime, Rvole.Mu(sid, terms));
    }

    private static void Encode(Scalar[] corrections, byte[] encoding)
    {
        for (var i = 0; i < corrections.Length; i++)
        {
            corrections[i].WriteTo(encoding.AsSpan(i * 32, 32));
        }
    }
}
