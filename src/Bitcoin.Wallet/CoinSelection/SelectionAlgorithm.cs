namespace Bitcoin.Wallet.CoinSelection;

/// <summary>The algorithm that made a selection (Core's SelectionAlgorithm), with Core's numeric values.</summary>
public enum SelectionAlgorithm : byte
{
    /// <summary>Branch and Bound: changeless, least waste.</summary>
    Bnb = 0,

    /// <summary>The Knapsack solver.</summary>
    Knapsack = 1,

    /// <summary>Single Random Draw.</summary>
    Srd = 2,

    /// <summary>CoinGrinder: least weight with change.</summary>
    CoinGrinder = 3,

    /// <summary>Inputs chosen by the user.</summary>
    Manual = 4,
}
