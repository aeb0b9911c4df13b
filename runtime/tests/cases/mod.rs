// SPDX-License-Identifier: Apache-2.0
mod catalog;
mod conformance;
mod errors;
mod plans;
