using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Ot;

/// <summary>
/// What the base-OT receiver keeps between its message and the sender's reply: the OT session id, its 256 secret
/// choice bits (which become Δ of the later OT extension) and the 256 secret exponents a_i. Single use: finishing
/// consumes and erases it.
/// </summary>
public sealed class BaseOtReceiverState
{
    private readonly byte[] _otSessionId;
    private readonly byte[] _choices;
    private readonly Scalar[] _exponents;
    private bool _consumed;

    internal BaseOtReceiverState(byte[] otSessionId, byte[] choices, Scalar[] exponents)
    {
        _otSessionId = otSessionId;
        _choices = choices;
        _exponents = exponents;
    }

    internal byte[] OtSessionId => _otSessionId;

    internal byte[] Choices => _choices;

    internal Scalar[] Exponents => _exponents;

    /// <summary>Marks the state used; a second finish is a programming error, never a retry.</summary>
    internal void Consume()
    {
        if (_consumed)
        {
            throw new InvalidOperationException("this base-OT receiver state was already used");
        }

        _consumed = true;
    }

    /// <summary>Erases the choice bits and exponents (also done by the finish step).</summary>
    public void Clear()
    {
        _consumed = true;
        CryptographicOperations.ZeroMemory(_choices);
        Array.Clear(_exponents);
    }

    public override string ToString() => "BaseOtReceiverState(…)";
}
