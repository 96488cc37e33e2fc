// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title TestToken
/// @notice A small ERC-20 for MpcWallet's tests: balances, transfers, allowances and their events, an owner-only mint,
/// and functions that always revert (with a reason string, a custom error and a panic) so revert decoding can be
/// checked against a real EVM. Written for the tests; not meant to hold value.
contract TestToken {
    string public name;
    string public symbol;
    uint8 public immutable decimals;
    address public immutable owner;
    uint256 public totalSupply;

    mapping(address account => uint256) public balanceOf;
    mapping(address holder => mapping(address spender => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    error InvalidReceiver(address receiver);
    error NotOwner(address caller);
    error Refused(uint256 code, string why);

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
        owner = msg.sender;
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        // An allowance of 2^256 - 1 is unlimited and never decreases (as in most deployed tokens).
        if (allowed != type(uint256).max) {
            if (allowed < value) {
                revert InsufficientAllowance(msg.sender, allowed, value);
            }
            allowance[from][msg.sender] = allowed - value;
        }
        _move(from, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice Creates tokens; only the deployer may.
    function mint(address to, uint256 value) external {
        if (msg.sender != owner) {
            revert NotOwner(msg.sender);
        }
        if (to == address(0)) {
            revert InvalidReceiver(to);
        }
        totalSupply += value;
        balanceOf[to] += value;
        emit Transfer(address(0), to, value);
    }

    /// @notice Always reverts with Error(string).
    function failWithReason() external pure {
        revert("TestToken: refused on purpose");
    }

    /// @notice Always reverts with the custom error Refused(code, "on purpose").
    function failWithCustomError(uint256 code) external pure {
        revert Refused(code, "on purpose");
    }

    /// @notice Divides 1 by `divisor`: a divisor of zero raises Panic(0x12).
    function divide(uint256 divisor) external pure returns (uint256) {
        return 1 / divisor;
    }

    function _move(address from, address to, uint256 value) private {
        if (to == address(0)) {
            revert InvalidReceiver(to);
        }
        uint256 balance = balanceOf[from];
        if (balance < value) {
            revert InsufficientBalance(from, balance, value);
        }
        unchecked {
            balanceOf[from] = balance - value;
        }
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
