// ClientVersion lives in Bitcoin.Common so that bitcoin-cli reports the same version as the node. Files of this
// project that found it through Bitcoin.Node.Init (where it used to be) keep finding it.
global using ClientVersion = Bitcoin.Common.Util.ClientVersion;
