namespace MpcWallet.Mpc.Curve;

/// <summary>
/// The field operations the point formulas need, implemented by the scalar field (<see cref="FieldElement"/>) and the
/// four-lane one (<see cref="FieldElement4"/>), so <see cref="CompleteFormulas"/> is written once for both. Generic
/// code over structs is specialised by the JIT, so the indirection costs nothing.
/// </summary>
internal interface IFieldOperations<T>
    where T : struct, IFieldOperations<T>
{
    static abstract T Add(in T a, in T b);

    static abstract T Subtract(in T a, in T b);

    static abstract T Multiply(in T a, in T b);

    static abstract T Square(in T a);

    /// <summary>a·3b = a·21, the curve constant of the complete formulas.</summary>
    static abstract T MultiplyByThreeB(in T a);
}
