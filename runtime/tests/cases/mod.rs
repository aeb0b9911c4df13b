// SPDX-License-Identifier: Apache-2.0
mod catalog;
mod errors;
mod plans;
