using Bitcoin.Common.Chain;
using Bitcoin.Kernel.Consensus;
using NBitcoin;

namespace Bitcoin.Kernel.Chain;

public sealed partial class ChainParams
{
    // The main network, on which people trade goods and services.
    private static ChainParams CreateMain(ChainParamsOptions options)
    {
        var genesis = GenesisBlockFactory.Create(1231006505, 2083236893, 0x1d00ffff, 1, Money.Coins(50));
        CheckGenesis(genesis,
            "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
            "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        var consensus = new ConsensusParams
        {
            HashGenesisBlock = genesis.GetHash(),
            SubsidyHalvingInterval = 210000,
            ScriptFlagExceptions = new Dictionary<uint256, ScriptVerifyFlags>
            {
                // BIP16 exception
                [uint256.Parse("00000000000002dc756eebf4f49723ed8d30cc28a5f108eb94b1ba88ac4f9c22")] = ScriptVerifyFlags.None,
                // Taproot exception
                [uint256.Parse("0000000000000000000f14c35b2d841e986ab5441de8c585d5ffe55ea1e395ad")] =
                    ScriptVerifyFlags.P2Sh | ScriptVerifyFlags.Witness,
            },
            Bip34Height = 227931,
            Bip34Hash = uint256.Parse("000000000000024b89b42a942fe0d9fea3bb44ab7bd1b19115dd6a759c0808b8"),
            Bip65Height = 388381,
            Bip66Height = 363725,
            CsvHeight = 419328,
            SegwitHeight = 481824,
            MinBip9WarningHeight = 711648,
            PowLimit = ArithUInt256.Parse("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            PowTargetTimespan = 14 * 24 * 60 * 60,
            PowTargetSpacing = 10 * 60,
            PowAllowMinDifficultyBlocks = false,
            EnforceBip94 = false,
            PowNoRetargeting = false,
            Deployments = [TestDummy(threshold: 1815, period: 2016)],
            MinimumChainWork = ArithUInt256.Parse("0000000000000000000000000000000000000001128750f82f4c366153a3a030"),
            DefaultAssumeValid = uint256.Parse("00000000000000000000ccebd6d74d9194d8dcdc1d177c478e094bfad51ba5ac"),
        };
        consensus = ApplyDeploymentOptions(consensus, options);
        return new ChainParams(ChainType.Main, Network.Main, genesis, consensus, [0xf9, 0xbe, 0xb4, 0xd9])
        {
            DefaultPort = 8333,
            PruneAfterHeight = 100000,
            AssumedBlockchainSize = 856,
            AssumedChainStateSize = 14,
            DnsSeeds =
            [
                "dnsseed.bluematt.me.", "seed.bitcoin.jonasschnelli.ch.", "seed.btc.petertodd.net.",
                "seed.bitcoin.sprovoost.nl.", "dnsseed.emzy.de.", "seed.bitcoin.wiz.biz.", "seed.mainnet.achownodes.xyz.",
            ],
            Bech32Hrp = "bc",
            DefaultConsistencyChecks = false,
            IsMockableChain = false,
            Assumeutxo =
            [
                new(840_000, uint256.Parse("a2a5521b1b5ab65f67818e5e8eccabb7171a517f9e2382208f77687310768f96"), 991032194,
                    uint256.Parse("0000000000000000000320283a032748cef8227873ff4872689bf23f1cda83a5")),
                new(880_000, uint256.Parse("dbd190983eaf433ef7c15f78a278ae42c00ef52e0fd2a54953782175fbadcea9"), 1145604538,
                    uint256.Parse("000000000000000000010b17283c3c400507969a9c2afd1dcf2082ec5cca2880")),
                new(910_000, uint256.Parse("4daf8a17b4902498c5787966a2b51c613acdab5df5db73f196fa59a4da2f1568"), 1226586151,
                    uint256.Parse("0000000000000000000108970acb9522ffd516eae17acddcb1bd16469194a821")),
                new(935_000, uint256.Parse("e4b90ef9eae834f56c4b64d2d50143cee10ad87994c614d7d04125e2a6025050"), 1305397408,
                    uint256.Parse("0000000000000000000147034958af1652b2b91bba607beacc5e72a56f0fb5ee")),
            ],
            TxData = new ChainTxData(1772055173, 1315805869, 5.40111006496122),
            HeadersSync = new HeadersSyncParams(641, 15218),
        };
    }
}
