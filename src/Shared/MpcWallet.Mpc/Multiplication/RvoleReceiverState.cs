using System.Security.Cryptography;
using MpcWallet.Mpc.Curve;

namespace MpcWallet.Mpc.Multiplication;

/// <summary>
/// Bob's RVOLE state between his request and Alice's response: the session id, his secret choice bits β, his row pads
/// γ_l, the gadget vector and χ = ⟨g, β⟩. Single use: finishing consumes and erases it.
/// </summary>
public sealed class RvoleReceiverState
{
    private readonly byte[] _sessionId;
    private readonly byte[] _choices;
    private readonly Scalar[] _pads;
    private readonly Scalar[] _gadget;
    private Scalar _chi;
    private bool _consumed;

    internal RvoleReceiverState(byte[] sessionId, byte[] choices, Scalar[] pads, Scalar[] gadget, Scalar chi)
    {
        _sessionId = sessionId;
        _choices = choices;
        _pads = pads;
        _gadget = gadget;
        _chi = chi;
    }

    internal byte[] SessionId => _sessionId;

    /// <summary>β as 512 bits, LSB-first.</summary>
    internal byte[] Choices => _choices;

    internal Scalar[] Pads => _pads;

    internal Scalar[] Gadget => _gadget;

    internal Scalar Chi => _chi;

    internal void Consume()
    {
        if (_consumed)
        {
            throw new InvalidOperationException("this RVOLE receiver state was already used");
        }

        _consumed = true;
    }

    /// <summary>Erases β, the pads and χ (also done by the finish step).</summary>
    public void Clear()
    {
        _consumed = true;
        CryptographicOperations.ZeroMemory(_choices);
        Array.Clear(_pads);
        _chi = default;
    }

    public override string ToString() => "RvoleReceiverState(…)";
}
